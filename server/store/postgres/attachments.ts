import type { AttachmentRecord, CannedResponse, UploadUsage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newCannedResponse } from '../records.ts';
import { isUniqueViolation, q, q1, type Pg } from './db.ts';
import { toAttachment, toCanned, type AttachmentRow, type CannedRow } from './rows.ts';

/** Attachments and canned responses: plain records, no events. */

export async function createAttachment(db: Pg, a: AttachmentRecord): Promise<void> {
  await db.pool.query(
    `INSERT INTO attachments (id, site_id, conversation_id, message_id, uploader_kind, uploader_id, name, size, type, url, storage_path, created_at)
     VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [a.id, a.siteId, a.conversationId, a.uploader.kind, a.uploader.id, a.name, a.size, a.type, a.url, a.storagePath, a.createdAt],
  );
}

export async function getAttachment(db: Pg, id: string): Promise<AttachmentRecord | null> {
  const r = await q1<AttachmentRow>(db.pool, 'SELECT * FROM attachments WHERE id = $1', [id]);
  return r ? toAttachment(r) : null;
}

export async function deleteUnsentAttachments(db: Pg, before: number, limit: number): Promise<{ id: string; storagePath: string }[]> {
  // SKIP LOCKED: processes sweeping at once take different rows instead of waiting for each other.
  const rows = await q<{ id: string; storage_path: string }>(
    db.pool,
    `DELETE FROM attachments WHERE id IN (
       SELECT id FROM attachments WHERE message_id IS NULL AND created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, storage_path`,
    [before, limit],
  );
  return rows.map((r) => ({ id: r.id, storagePath: r.storage_path }));
}

/** Two index range scans (migration 9): the unsent uploads, and the uploads since `since`. */
export async function uploadUsage(db: Pg, siteId: string, visitorId: string | null, since: number): Promise<UploadUsage> {
  const who = visitorId === null ? '' : 'AND uploader_id = $2';
  const args = visitorId === null ? [siteId] : [siteId, visitorId];
  const at = `$${args.length + 1}`;
  type Row = { count: string; bytes: string };
  const [pending, recent] = await Promise.all([
    q1<Row>(db.pool, `SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM attachments WHERE site_id = $1 ${who} AND message_id IS NULL AND uploader_kind = 'visitor'`, args),
    q1<Row>(db.pool, `SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM attachments WHERE site_id = $1 ${who} AND created_at >= ${at} AND uploader_kind = 'visitor'`, [...args, since]),
  ]);
  const num = (r: Row | undefined) => ({ count: Number(r?.count ?? 0), bytes: Number(r?.bytes ?? 0) });
  return { pending: num(pending), recent: num(recent) };
}

export async function listCanned(db: Pg, siteId: string): Promise<CannedResponse[]> {
  const rows = await q<CannedRow>(db.pool, 'SELECT id, site_id, shortcut, text FROM canned_responses WHERE site_id = $1 ORDER BY shortcut', [siteId]);
  return rows.map(toCanned);
}

export async function createCanned(db: Pg, input: Omit<CannedResponse, 'id'> & { id?: string }): Promise<CannedResponse> {
  const c = newCannedResponse(input);
  try {
    await db.pool.query('INSERT INTO canned_responses (id, site_id, shortcut, text) VALUES ($1, $2, $3, $4)', [c.id, c.siteId, c.shortcut, c.text]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.canned);
    throw err;
  }
  return c;
}

export async function deleteCanned(db: Pg, siteId: string, id: string): Promise<boolean> {
  const res = await db.pool.query('DELETE FROM canned_responses WHERE id = $1 AND site_id = $2', [id, siteId]);
  return (res.rowCount ?? 0) > 0;
}
