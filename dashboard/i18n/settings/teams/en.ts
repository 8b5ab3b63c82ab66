/** The Teams section's strings (dashboard/ui/settings/TeamsSection.tsx), in English: the reference for the others here. */
export const teamsEn = {
  "settings.teams": "Teams",
  "teams.intro": "Group agents into teams. A conversation routed to a team is assigned automatically only to its members, and waits in the team's own queue when they are all busy.",
  "teams.empty": "No teams yet: every agent takes every conversation.",
  "teams.new": "New team",
  "teams.create": "Create team",
  "teams.rename": "Rename",
  "teams.delete": "Delete {name}",
  "teams.deleteConfirm": "Delete the team {name}? Its conversations keep their assignee and belong to no team any more.",
  "teams.members": "Members",
  "teams.rules": "Page rules",
  "teams.rulesIntro": "A new conversation started on a page whose path matches goes to the team: /billing matches /billing and everything under it; * matches anything. The first match wins.",
  "teams.rulePattern": "Page path",
  "teams.ruleTeam": "Team",
  "teams.ruleAdd": "Add a rule",
  "teams.ruleRemove": "Remove this rule",
  "teams.renameLabel": "Team name",
  "teams.picker": "Pre-chat team choice",
  "teams.pickerIntro": "Before their first message, visitors choose one of the teams offered here; the conversation goes to that team, whatever the page rules say.",
  "teams.pickerOn": "Ask visitors to choose a team",
  "teams.pickerLabel": "What visitors see for {name}",
  "teams.pickerNone": "Offer at least one team, or turn the choice off.",
  "teams.pickerTooMany": "Offer at most {max} teams.",
  "teams.pickerBlank": "Every offered team needs a label.",
  "teams.pickerSaved": "Pre-chat team choice saved.",
} as const;

export type TeamsKey = keyof typeof teamsEn;
