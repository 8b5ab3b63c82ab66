/** The Teams section's strings (dashboard/ui/settings/TeamsSection.tsx), in English: the reference for the others here. */
export const teamsEn = {
  "settings.teams": "Teams",
  "teams.intro": "Group agents into teams. A conversation routed to a team is assigned automatically only to its members, and waits in the team's own queue when they are all busy.",
  "teams.empty": "No teams yet: every agent takes every conversation.",
  "teams.new": "New team",
  "teams.create": "Create team",
  "teams.rename": "Rename",
  "teams.renamePrompt": "New name for the team",
  "teams.delete": "Delete {name}",
  "teams.deleteConfirm": "Delete the team {name}? Its conversations keep their assignee and belong to no team any more.",
  "teams.members": "Members",
  "teams.rules": "Page rules",
  "teams.rulesIntro": "A new conversation started on a page whose path matches goes to the team: /billing matches /billing and everything under it; * matches anything. The first match wins.",
  "teams.rulePattern": "Page path",
  "teams.ruleTeam": "Team",
  "teams.ruleAdd": "Add a rule",
  "teams.ruleRemove": "Remove this rule",
} as const;

export type TeamsKey = keyof typeof teamsEn;
