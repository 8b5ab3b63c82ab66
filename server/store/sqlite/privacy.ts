import type { Visitor } from '../../../protocol/index.ts';
import type { Db } from './db.ts';
import { toVisitor, type VisitorRow } from './rows.ts';

export function findVisitorsByEmail(db: Db, siteId: string, email: string): Visitor[] {
  const rows = db.st('SELECT * FROM visitors WHERE site_id = ? AND lower(email) = lower(?) ORDER BY first_seen_at, id').all(siteId, email.trim()) as VisitorRow[];
  return rows.map(toVisitor);
}
