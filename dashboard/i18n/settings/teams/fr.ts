import type { TeamsMessages } from './index.ts';

/** French strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsFr: TeamsMessages = {
  "settings.teams": "Équipes",
  "teams.intro": "Regroupez les agents en équipes. Une conversation destinée à une équipe n'est attribuée automatiquement qu'à ses membres, et attend dans la file de l'équipe lorsqu'ils sont tous occupés.",
  "teams.empty": "Aucune équipe pour l'instant : chaque agent reçoit chaque conversation.",
  "teams.new": "Nouvelle équipe",
  "teams.create": "Créer l'équipe",
  "teams.rename": "Renommer",
  "teams.delete": "Supprimer {name}",
  "teams.deleteConfirm": "Supprimer l'équipe {name} ? Ses conversations gardent leur responsable et n'appartiennent plus à aucune équipe.",
  "teams.members": "Membres",
  "teams.rules": "Règles de page",
  "teams.rulesIntro": "Une nouvelle conversation commencée sur une page dont le chemin correspond va à l'équipe : /billing couvre /billing et tout ce qui est dessous ; * correspond à tout. La première règle qui correspond l'emporte.",
  "teams.rulePattern": "Chemin de la page",
  "teams.ruleTeam": "Équipe",
  "teams.ruleAdd": "Ajouter une règle",
  "teams.ruleRemove": "Supprimer cette règle",
  "teams.renameLabel": "Nom de l'équipe",
  "teams.picker": "Choix de l'équipe avant le chat",
  "teams.pickerIntro": "Avant leur premier message, les visiteurs choisissent l'une des équipes proposées ici ; la conversation va à cette équipe, quelles que soient les règles de page.",
  "teams.pickerOn": "Demander aux visiteurs de choisir une équipe",
  "teams.pickerLabel": "Ce que les visiteurs voient pour {name}",
  "teams.pickerNone": "Proposez au moins une équipe, ou désactivez le choix.",
  "teams.pickerTooMany": "Proposez au plus {max} équipes.",
  "teams.pickerBlank": "Chaque équipe proposée doit avoir un libellé.",
  "teams.pickerSaved": "Choix de l'équipe enregistré.",
};
