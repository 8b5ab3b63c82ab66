import type { Block, NewBlock } from '../store.ts';
import { newId } from '../ids.ts';
import type { Db } from './db.ts';

/** Per-site blocks of a visitor or a client IP (server/domain/blocks.ts), and the address each visitor last came from. */

interface BlockRow {
  id: string;
  site_id: string;
  kind: 'visitor' | 'ip';
  value: string;
  created_by: string;
  created_at: number;
}
const toBlock = (r: BlockRow): Block => ({ id: r.id, siteId: r.site_id, kind: r.kind, value: r.value, createdBy: r.created_by, createdAt: r.created_at });

export function addBlock(db: Db, b: NewBlock): Block {
  const id = newId('blk');
  db.st(
    `INSERT INTO blocks (id, site_id, kind, value, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, kind, value) DO NOTHING`,
  ).run(id, b.siteId, b.kind, b.value, b.createdBy, b.createdAt);
  return toBlock(db.st('SELECT * FROM blocks WHERE site_id = ? AND kind = ? AND value = ?').get(b.siteId, b.kind, b.value) as BlockRow);
}

export function removeBlock(db: Db, siteId: string, id: string): boolean {
  return db.st('DELETE FROM blocks WHERE site_id = ? AND id = ?').run(siteId, id).changes > 0;
}

export function listBlocks(db: Db, siteId: string): Block[] {
  return (db.st('SELECT * FROM blocks WHERE site_id = ? ORDER BY created_at DESC, id').all(siteId) as BlockRow[]).map(toBlock);
}

export function findBlock(db: Db, siteId: string, who: { visitorId?: string; ip?: string }): Block | null {
  const r = db
    .st(`SELECT * FROM blocks WHERE site_id = ? AND ((kind = 'visitor' AND value = ?) OR (kind = 'ip' AND value = ?)) LIMIT 1`)
    .get(siteId, who.visitorId ?? '', who.ip ?? '') as BlockRow | undefined;
  return r ? toBlock(r) : null;
}

export function recordVisitorAddress(db: Db, visitorId: string, ip: string, at: number): void {
  db.st(
    `INSERT INTO visitor_addresses (visitor_id, ip, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (visitor_id) DO UPDATE SET ip = excluded.ip, seen_at = excluded.seen_at`,
  ).run(visitorId, ip, at);
}

export function visitorAddress(db: Db, visitorId: string): string | null {
  const r = db.st('SELECT ip FROM visitor_addresses WHERE visitor_id = ?').get(visitorId) as { ip: string } | undefined;
  return r?.ip ?? null;
}
