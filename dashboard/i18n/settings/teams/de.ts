import type { TeamsMessages } from './index.ts';

/** German strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsDe: TeamsMessages = {
  "settings.teams": "Teams",
  "teams.intro": "Fassen Sie Agenten in Teams zusammen. Eine Unterhaltung für ein Team wird automatisch nur seinen Mitgliedern zugewiesen und wartet in der eigenen Warteschlange des Teams, wenn alle beschäftigt sind.",
  "teams.empty": "Noch keine Teams: Jeder Agent bekommt jede Unterhaltung.",
  "teams.new": "Neues Team",
  "teams.create": "Team anlegen",
  "teams.rename": "Umbenennen",
  "teams.delete": "{name} löschen",
  "teams.deleteConfirm": "Das Team {name} löschen? Seine Unterhaltungen behalten ihre Zuständigen und gehören zu keinem Team mehr.",
  "teams.members": "Mitglieder",
  "teams.rules": "Seitenregeln",
  "teams.rulesIntro": "Eine neue Unterhaltung von einer Seite, deren Pfad passt, geht an das Team: /billing passt auf /billing und alles darunter; * passt auf alles. Die erste passende Regel gilt.",
  "teams.rulePattern": "Seitenpfad",
  "teams.ruleTeam": "Team",
  "teams.ruleAdd": "Regel hinzufügen",
  "teams.ruleRemove": "Diese Regel entfernen",
  "teams.renameLabel": "Name des Teams",
  "teams.picker": "Teamauswahl vor dem Chat",
  "teams.pickerIntro": "Vor ihrer ersten Nachricht wählen Besucher eines der hier angebotenen Teams; die Unterhaltung geht an dieses Team, unabhängig von den Seitenregeln.",
  "teams.pickerOn": "Besucher ein Team wählen lassen",
  "teams.pickerLabel": "Was Besucher für {name} sehen",
  "teams.pickerNone": "Bieten Sie mindestens ein Team an oder schalten Sie die Auswahl aus.",
  "teams.pickerTooMany": "Bieten Sie höchstens {max} Teams an.",
  "teams.pickerBlank": "Jedes angebotene Team braucht eine Bezeichnung.",
  "teams.pickerSaved": "Teamauswahl gespeichert.",
};
