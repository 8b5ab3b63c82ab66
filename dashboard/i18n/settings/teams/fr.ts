import type { TeamsMessages } from './index.ts';

/** French strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsFr: TeamsMessages = {
  "settings.teams": "Équipes",
  "teams.intro": "Regroupez les agents en équipes. Une conversation destinée à une équipe n'est attribuée automatiquement qu'à ses membres, et attend dans la file de l'équipe lorsqu'ils sont tous occupés.",
  "teams.empty": "Aucune équipe pour l'instant : chaque agent reçoit chaque conversation.",
  "teams.new": "Nouvelle équipe",
  "teams.create": "Créer l'équipe",
  "teams.rename": "Renommer",
  "teams.renamePrompt": "Nouveau nom de l'équipe",
  "teams.delete": "Supprimer {name}",
  "teams.deleteConfirm": "Supprimer l'équipe {name} ? Ses conversations gardent leur responsable et n'appartiennent plus à aucune équipe.",
  "teams.members": "Membres",
  "teams.rules": "Règles de page",
  "teams.rulesIntro": "Une nouvelle conversation commencée sur une page dont le chemin correspond va à l'équipe : /billing couvre /billing et tout ce qui est dessous ; * correspond à tout. La première règle qui correspond l'emporte.",
  "teams.rulePattern": "Chemin de la page",
  "teams.ruleTeam": "Équipe",
  "teams.ruleAdd": "Ajouter une règle",
  "teams.ruleRemove": "Supprimer cette règle",
};
