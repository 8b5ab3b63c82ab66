import type { Block, NewBlock } from '../store.ts';
import { newId } from '../ids.ts';
import { q, q1, type Pg } from './db.ts';

/** Per-site blocks of a visitor or a client IP (server/domain/blocks.ts); the same as SQLite's blocks.ts. */

interface BlockRow {
  id: string;
  site_id: string;
  kind: 'visitor' | 'ip';
  value: string;
  created_by: string;
  created_at: string | number;
}
const toBlock = (r: BlockRow): Block => ({ id: r.id, siteId: r.site_id, kind: r.kind, value: r.value, createdBy: r.created_by, createdAt: Number(r.created_at) });

export async function addBlock(db: Pg, b: NewBlock): Promise<Block> {
  await db.pool.query(
    `INSERT INTO blocks (id, site_id, kind, value, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (site_id, kind, value) DO NOTHING`,
    [newId('blk'), b.siteId, b.kind, b.value, b.createdBy, b.createdAt],
  );
  return toBlock((await q1<BlockRow>(db.pool, 'SELECT * FROM blocks WHERE site_id = $1 AND kind = $2 AND value = $3', [b.siteId, b.kind, b.value]))!);
}

export async function removeBlock(db: Pg, siteId: string, id: string): Promise<boolean> {
  const r = await db.pool.query('DELETE FROM blocks WHERE site_id = $1 AND id = $2', [siteId, id]);
  return (r.rowCount ?? 0) > 0;
}

export async function listBlocks(db: Pg, siteId: string): Promise<Block[]> {
  return (await q<BlockRow>(db.pool, 'SELECT * FROM blocks WHERE site_id = $1 ORDER BY created_at DESC, id', [siteId])).map(toBlock);
}

/** Store.findBlock for several askers in one round trip (read-batch.ts), in the order asked. */
export async function findBlocks(db: Pg, asks: { siteId: string; visitorId?: string; ip?: string }[]): Promise<(Block | null)[]> {
  const rows = await q<BlockRow & { i: string | number }>(
    db.pool,
    `SELECT k.i, b.* FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(site_id, visitor_id, ip, i)
       JOIN LATERAL (
         SELECT * FROM blocks WHERE site_id = k.site_id AND ((kind = 'visitor' AND value = k.visitor_id) OR (kind = 'ip' AND value = k.ip)) LIMIT 1
       ) b ON true`,
    [asks.map((a) => a.siteId), asks.map((a) => a.visitorId ?? ''), asks.map((a) => a.ip ?? '')],
  );
  const found = new Map(rows.map((r) => [Number(r.i), toBlock(r)]));
  return asks.map((_, i) => found.get(i + 1) ?? null);
}

export async function recordVisitorAddress(db: Pg, visitorId: string, ip: string, at: number): Promise<void> {
  await db.pool.query(
    `INSERT INTO visitor_addresses (visitor_id, ip, seen_at) VALUES ($1, $2, $3)
     ON CONFLICT (visitor_id) DO UPDATE SET ip = excluded.ip, seen_at = excluded.seen_at`,
    [visitorId, ip, at],
  );
}

export async function visitorAddress(db: Pg, visitorId: string): Promise<string | null> {
  return (await q1<{ ip: string }>(db.pool, 'SELECT ip FROM visitor_addresses WHERE visitor_id = $1', [visitorId]))?.ip ?? null;
}
