import type { AttachmentRecord, UploadUsage } from '../store.ts';
import type { Db } from './db.ts';
import { toAttachment, type AttachmentRow } from './rows.ts';

export function createAttachment(db: Db, a: AttachmentRecord): void {
  db.st(
    `INSERT INTO attachments (id, site_id, conversation_id, message_id, uploader_kind, uploader_id, name, size, type, url, storage_path, created_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.siteId, a.conversationId, a.uploader.kind, a.uploader.id, a.name, a.size, a.type, a.url, a.storagePath, a.createdAt);
}

export function deleteUnsentAttachments(db: Db, before: number, limit: number): { id: string; storagePath: string }[] {
  return db
    .st(
      `DELETE FROM attachments WHERE id IN (SELECT id FROM attachments WHERE message_id IS NULL AND created_at < ? LIMIT ?)
       RETURNING id, storage_path AS storagePath`,
    )
    .all(before, limit) as { id: string; storagePath: string }[];
}

/** Null when unknown or when its message was deleted. `messageId` tells whether it was sent yet. */
export function getAttachment(db: Db, id: string): (AttachmentRecord & { messageId: string | null }) | null {
  const r = db.st('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
  return r ? toAttachment(r) : null;
}

/** Two index range scans (migration 13): the unsent uploads, and the uploads since `since`. */
export function uploadUsage(db: Db, siteId: string, visitorId: string | null, since: number): UploadUsage {
  const who = visitorId === null ? '' : 'AND uploader_id = ?';
  const args = visitorId === null ? [siteId] : [siteId, visitorId];
  const pending = db
    .st(`SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM attachments WHERE site_id = ? ${who} AND message_id IS NULL AND uploader_kind = 'visitor'`)
    .get(...args) as { count: number; bytes: number };
  const recent = db
    .st(`SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM attachments WHERE site_id = ? ${who} AND created_at >= ? AND uploader_kind = 'visitor'`)
    .get(...args, since) as { count: number; bytes: number };
  return { pending, recent };
}
