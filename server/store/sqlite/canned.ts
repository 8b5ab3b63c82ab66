import type { CannedResponse } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newCannedResponse } from '../records.ts';
import type { Db } from './db.ts';
import { toCanned, type CannedRow } from './rows.ts';
import { isUniqueViolation } from './sites.ts';

export function listCanned(db: Db, siteId: string): CannedResponse[] {
  return (db.st('SELECT id, site_id, shortcut, text FROM canned_responses WHERE site_id = ? ORDER BY shortcut').all(siteId) as CannedRow[]).map(toCanned);
}

export function createCanned(db: Db, input: Omit<CannedResponse, 'id'> & { id?: string }): CannedResponse {
  const c = newCannedResponse(input);
  try {
    db.st('INSERT INTO canned_responses (id, site_id, shortcut, text) VALUES (?, ?, ?, ?)').run(c.id, c.siteId, c.shortcut, c.text);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.canned);
    throw err;
  }
  return c;
}

export function deleteCanned(db: Db, siteId: string, id: string): boolean {
  return db.st('DELETE FROM canned_responses WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
}
