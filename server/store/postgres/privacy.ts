import type { Visitor } from '../../../protocol/index.ts';
import { q, type Pg } from './db.ts';
import { toVisitor, type VisitorRow } from './rows.ts';

export async function findVisitorsByEmail(db: Pg, siteId: string, email: string): Promise<Visitor[]> {
  const rows = await q<VisitorRow>(db.pool, 'SELECT * FROM visitors WHERE site_id = $1 AND lower(email) = lower($2) ORDER BY first_seen_at, id', [siteId, email.trim()]);
  return rows.map(toVisitor);
}
