import type pg from 'pg';
import type { Team } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { newId } from '../ids.ts';
import { TEAM_NAME_TAKEN, teamsByStaff, teamsFromRows, tooManyTeams, type NewTeam, type TeamRow } from '../team-records.ts';
import { isUniqueViolation, q, q1, tx, type Pg, type Queryable } from './db.ts';

/** TeamStore on PostgreSQL (team-records.ts). */

type MemberRow = { team_id: string; staff_id: string };
const SITE_MEMBERS = 'SELECT m.team_id, m.staff_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.site_id = $1 ORDER BY m.team_id';

export async function listTeams(db: Pg, siteId: string): Promise<Team[]> {
  return teamsFromRows(await q<TeamRow>(db.pool, 'SELECT * FROM teams WHERE site_id = $1', [siteId]), await q<MemberRow>(db.pool, SITE_MEMBERS, [siteId]));
}

export const getTeam = (db: Pg, id: string) => teamOn(db.pool, id);

async function teamOn(on: Queryable, id: string): Promise<Team | null> {
  const row = await q1<TeamRow>(on, 'SELECT * FROM teams WHERE id = $1', [id]);
  return row ? teamsFromRows([row], await q<MemberRow>(on, 'SELECT team_id, staff_id FROM team_members WHERE team_id = $1', [id]))[0] : null;
}

/** The count is read under a per-site advisory lock, so two creates at once cannot both take the last place. */
export function createTeam(db: Pg, input: NewTeam): Promise<Team> {
  const id = newId('tem');
  return uniqueName(() =>
    tx(db.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley-teams:${input.siteId}`]);
      const teams = await q1<{ n: number }>(c, 'SELECT count(*)::int AS n FROM teams WHERE site_id = $1', [input.siteId]);
      if (teams!.n >= input.maxPerSite) throw new ParleyError('conflict', tooManyTeams(input.maxPerSite));
      await c.query('INSERT INTO teams (id, site_id, name, created_at) VALUES ($1, $2, $3, $4)', [id, input.siteId, input.name, input.at]);
      await setMembers(c, id, input.memberIds);
      return (await teamOn(c, id))!;
    }),
  );
}

export function updateTeam(db: Pg, input: { siteId: string; id: string; name?: string; memberIds?: string[] }): Promise<Team | null> {
  return uniqueName(() =>
    tx(db.pool, async (c) => {
      if (!(await q1(c, 'SELECT 1 FROM teams WHERE id = $1 AND site_id = $2 FOR UPDATE', [input.id, input.siteId]))) return null;
      if (input.name !== undefined) await c.query('UPDATE teams SET name = $2 WHERE id = $1', [input.id, input.name]);
      if (input.memberIds !== undefined) await setMembers(c, input.id, input.memberIds);
      return teamOn(c, input.id);
    }),
  );
}

export async function deleteTeam(db: Pg, siteId: string, id: string): Promise<boolean> {
  return tx(db.pool, async (c) => {
    await c.query('UPDATE conversations SET team_id = NULL WHERE team_id = $1 AND site_id = $2', [id, siteId]);
    return ((await c.query('DELETE FROM teams WHERE id = $1 AND site_id = $2', [id, siteId])).rowCount ?? 0) > 0;
  });
}

export async function teamsOfStaff(db: Pg, siteId: string): Promise<Record<string, string[]>> {
  return teamsByStaff(await q<MemberRow>(db.pool, SITE_MEMBERS, [siteId]));
}

async function setMembers(c: pg.PoolClient, teamId: string, memberIds: string[]): Promise<void> {
  await c.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
  const ids = [...new Set(memberIds)];
  if (ids.length) await c.query('INSERT INTO team_members (team_id, staff_id) SELECT $1, unnest($2::text[])', [teamId, ids]);
}

async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', TEAM_NAME_TAKEN);
    throw err;
  }
}
