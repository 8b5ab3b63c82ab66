import type { Team } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { newId } from '../ids.ts';
import { TEAM_NAME_TAKEN, teamsByStaff, teamsFromRows, tooManyTeams, type NewTeam, type TeamRow } from '../team-records.ts';
import type { Db } from './db.ts';

/** TeamStore on SQLite (team-records.ts). */

type MemberRow = { team_id: string; staff_id: string };

export function listTeams(db: Db, siteId: string): Team[] {
  const rows = db.st('SELECT * FROM teams WHERE site_id = ?').all(siteId) as TeamRow[];
  const members = db.st('SELECT m.team_id, m.staff_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.site_id = ?').all(siteId) as MemberRow[];
  return teamsFromRows(rows, members);
}

export function getTeam(db: Db, id: string): Team | null {
  const row = db.st('SELECT * FROM teams WHERE id = ?').get(id) as TeamRow | undefined;
  if (!row) return null;
  return teamsFromRows([row], db.st('SELECT team_id, staff_id FROM team_members WHERE team_id = ?').all(id) as MemberRow[])[0];
}

export function createTeam(db: Db, input: NewTeam): Team {
  const id = newId('tem');
  db.raw.transaction(() => {
    const count = db.st('SELECT count(*) FROM teams WHERE site_id = ?').pluck().get(input.siteId) as number;
    if (count >= input.maxPerSite) throw new ParleyError('conflict', tooManyTeams(input.maxPerSite));
    uniqueName(() => db.st('INSERT INTO teams (id, site_id, name, created_at) VALUES (?, ?, ?, ?)').run(id, input.siteId, input.name, input.at));
    setMembers(db, id, input.memberIds);
  })();
  return getTeam(db, id)!;
}

export function updateTeam(db: Db, input: { siteId: string; id: string; name?: string; memberIds?: string[] }): Team | null {
  const found = db.raw.transaction(() => {
    if (!db.st('SELECT 1 FROM teams WHERE id = ? AND site_id = ?').get(input.id, input.siteId)) return false;
    if (input.name !== undefined) uniqueName(() => db.st('UPDATE teams SET name = ? WHERE id = ?').run(input.name, input.id));
    if (input.memberIds !== undefined) setMembers(db, input.id, input.memberIds);
    return true;
  })();
  return found ? getTeam(db, input.id) : null;
}

export function deleteTeam(db: Db, siteId: string, id: string): boolean {
  return db.raw.transaction(() => {
    // Rows the append path caches are forgotten first (conversation-cache.ts), like every write outside it.
    for (const c of db.st('SELECT id FROM conversations WHERE team_id = ?').pluck().all(id) as string[]) db.conversations.forget(c);
    db.st('UPDATE conversations SET team_id = NULL WHERE team_id = ? AND site_id = ?').run(id, siteId);
    return db.st('DELETE FROM teams WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
  })();
}

export function teamsOfStaff(db: Db, siteId: string): Record<string, string[]> {
  return teamsByStaff(db.st('SELECT m.team_id, m.staff_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.site_id = ? ORDER BY m.team_id').all(siteId) as MemberRow[]);
}

function setMembers(db: Db, teamId: string, memberIds: string[]): void {
  db.st('DELETE FROM team_members WHERE team_id = ?').run(teamId);
  for (const staffId of new Set(memberIds)) db.st('INSERT INTO team_members (team_id, staff_id) VALUES (?, ?)').run(teamId, staffId);
}

function uniqueName(write: () => unknown): void {
  try {
    write();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ParleyError('conflict', TEAM_NAME_TAKEN);
    throw err;
  }
}
