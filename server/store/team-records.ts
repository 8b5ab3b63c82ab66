import type { Team } from '../../protocol/index.ts';

/**
 * Teams (agents grouped for routing) in the store. A team's name is unique in its site regardless of
 * case (a unique index on lower(name): two admins creating "Billing" at once get one team and one
 * conflict). Members are staff of the same site (the domain checks); deleting a team leaves its
 * conversations without a team. Shared suite: teams.suite.ts.
 */
export interface TeamStore {
  listTeams(siteId: string): Promise<Team[]>;
  getTeam(id: string): Promise<Team | null>;
  /**
   * conflict when the site has a team of that name (any case), or already `maxPerSite` teams: the count
   * is read in the insert's transaction (under a per-site lock on PostgreSQL), so two admins creating
   * at once cannot both take the last place.
   */
  createTeam(input: NewTeam): Promise<Team>;
  /** Renames and/or replaces the members; null when the site has no such team; conflict as createTeam. */
  updateTeam(input: { siteId: string; id: string; name?: string; memberIds?: string[] }): Promise<Team | null>;
  /** False when the site has no such team. Its conversations keep their assignee and lose the team. */
  deleteTeam(siteId: string, id: string): Promise<boolean>;
  /** Staff id -> the ids of the teams they belong to, for one site (automatic assignment). */
  teamsOfStaff(siteId: string): Promise<Record<string, string[]>>;
}

export interface NewTeam {
  siteId: string;
  name: string;
  memberIds: string[];
  at: number;
  /** PARLEY_MAX_TEAMS */
  maxPerSite: number;
}

export interface TeamRow {
  id: string;
  site_id: string;
  name: string;
  created_at: number | string;
}

/** Teams from their rows and (team id, staff id) member rows, in name order (case-insensitive). */
export function teamsFromRows(rows: TeamRow[], members: { team_id: string; staff_id: string }[]): Team[] {
  const byTeam = new Map<string, string[]>();
  for (const m of members) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.staff_id]);
  return rows
    .map((r) => ({ id: r.id, siteId: r.site_id, name: r.name, memberIds: (byTeam.get(r.id) ?? []).sort(), createdAt: Number(r.created_at) }))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || (a.id < b.id ? -1 : 1));
}

export const TEAM_NAME_TAKEN = 'This site already has a team of that name.';
export const tooManyTeams = (max: number) => `A site may have at most ${max} teams (PARLEY_MAX_TEAMS): delete one first.`;

/** Staff id -> team ids from member rows. */
export function teamsByStaff(members: { team_id: string; staff_id: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of members) (out[m.staff_id] ??= []).push(m.team_id);
  return out;
}
