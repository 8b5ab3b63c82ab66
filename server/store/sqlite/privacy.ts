import type { DurableEvent, Visitor } from '../../../protocol/index.ts';
import { ERASED_LABEL, redactEvent, renameIds } from '../erasure-rules.ts';
import { newId } from '../ids.ts';
import { confirmErasureRequests } from './erasure-requests.ts';
import type { EraseInput, EraseResult, ExpiredConversation } from '../privacy-records.ts';
import type { Db } from './db.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';
import { toVisitor, type VisitorRow } from './rows.ts';

export function findVisitorsByEmail(db: Db, siteId: string, email: string): Visitor[] {
  const rows = db.st('SELECT * FROM visitors WHERE site_id = ? AND lower(email) = lower(?) ORDER BY first_seen_at, id').all(siteId, email.trim()) as VisitorRow[];
  return rows.map(toVisitor);
}

/** See PrivacyStore.eraseVisitor: one transaction, then the index segments and the WAL are purged. */
export function eraseVisitor(db: Db, input: EraseInput): EraseResult {
  const result = db.raw.transaction((): EraseResult => {
    const root = db.st('SELECT id, email FROM visitors WHERE id = ? AND site_id = ?').get(input.visitorId, input.siteId) as { id: string; email: string | null } | undefined;
    if (!root) return { events: [], storagePaths: [], conversations: 0, visitorErased: false };
    // The anonymous records merged into this one are the same person.
    const people = [root, ...(db.st('SELECT id, email FROM visitors WHERE merged_into = ? AND site_id = ?').all(root.id, input.siteId) as { id: string; email: string | null }[])];
    const ids = people.map((p) => p.id);
    const emails = people.map((p) => p.email?.toLowerCase()).filter((e): e is string => !!e);
    const inIds = `(${ids.map(() => '?').join(',')})`;
    const convs = (db.st(`SELECT id FROM conversations WHERE visitor_id IN ${inIds}`).pluck().all(...ids) as string[]);
    const inConvs = `(${convs.map(() => '?').join(',') || "''"})`;
    for (const id of convs) db.conversations.forget(id);
    for (const id of ids) db.conversations.forgetVisitor(id);

    const files = db
      .st(`SELECT storage_path FROM attachments WHERE site_id = ? AND (conversation_id IN ${inConvs} OR (uploader_kind = 'visitor' AND uploader_id IN ${inIds}))`)
      .pluck()
      .all(input.siteId, ...convs, ...ids) as string[];
    db.st(`DELETE FROM attachments WHERE site_id = ? AND (conversation_id IN ${inConvs} OR (uploader_kind = 'visitor' AND uploader_id IN ${inIds}))`).run(input.siteId, ...convs, ...ids);

    const events: DurableEvent[] = [];
    for (const conversationId of convs) {
      const at = nextSeq(db, conversationId, false);
      const event = { kind: 'conversation.erased' as const, conversationId, ...at, cursor: takeCursor(db, input.siteId), visitorId: root.id, tombstone: input.tombstone };
      events.push(insertEvent(db, input.siteId, event, false, input.at));
    }
    if (input.tombstone && convs.length) {
      // The tombstones belong to a new, empty visitor record: the erased ids exist nowhere any more, so
      // their tokens name nobody (erasure-rules.ts).
      const stand = newId('vis');
      db.st(`INSERT INTO visitors (id, site_id, identified, label, context, first_seen_at, last_seen_at) VALUES (?, ?, 0, ?, '{}', ?, ?)`).run(stand, input.siteId, ERASED_LABEL, input.at, input.at);
      db.st(`UPDATE conversations SET visitor_id = ?, rating_comment = NULL WHERE id IN ${inConvs}`).run(stand, ...convs);
      db.st(`UPDATE messages SET text = '', attachments = '[]', deleted = 1, author_id = CASE author_kind WHEN 'visitor' THEN ? ELSE author_id END, author_name = CASE author_kind WHEN 'visitor' THEN NULL ELSE author_name END WHERE conversation_id IN ${inConvs}`).run(stand, ...convs);
      db.st(`UPDATE read_cursors SET reader_id = ? WHERE conversation_id IN ${inConvs} AND reader_kind = 'visitor'`).run(stand, ...convs);
      const rows = db.st(`SELECT cursor, payload FROM events WHERE conversation_id IN ${inConvs} AND kind <> 'conversation.erased'`).all(...convs) as { cursor: number; payload: string }[];
      const rewrite = db.st('UPDATE events SET payload = ? WHERE cursor = ?');
      for (const r of rows) rewrite.run(JSON.stringify(redactEvent(JSON.parse(renameIds(r.payload, ids, stand)) as DurableEvent)), r.cursor);
      db.st(`DELETE FROM email_notify WHERE conversation_id IN ${inConvs}`).run(...convs);
    } else {
      db.st(`DELETE FROM messages WHERE conversation_id IN ${inConvs}`).run(...convs);
      db.st(`DELETE FROM events WHERE conversation_id IN ${inConvs} AND kind <> 'conversation.erased'`).run(...convs);
      db.st(`DELETE FROM conversations WHERE id IN ${inConvs}`).run(...convs);
    }
    db.st(`DELETE FROM visitors WHERE id IN ${inIds}`).run(...ids);
    db.st(`DELETE FROM email_outbox WHERE site_id = ? AND (conversation_id IN ${inConvs} OR lower(to_address) IN (${emails.map(() => '?').join(',') || "''"}))`).run(input.siteId, ...convs, ...emails);
    const deliveries = db.st('DELETE FROM webhook_deliveries WHERE site_id = ? AND instr(body, ?) > 0');
    for (const id of [...convs, ...ids]) deliveries.run(input.siteId, id);
    db.st(`DELETE FROM email_optouts WHERE kind = 'visitor' AND id IN ${inIds}`).run(...ids);
    db.st(`DELETE FROM visitor_addresses WHERE visitor_id IN ${inIds}`).run(...ids);
    db.blocks.forget(input.siteId);
    db.st(`DELETE FROM blocks WHERE site_id = ? AND kind = 'visitor' AND value IN ${inIds}`).run(input.siteId, ...ids);
    confirmErasureRequests(db, ids, input.by, input.at);
    return { events, storagePaths: files, conversations: convs.length, visitorErased: true };
  })();
  if (result.visitorErased) {
    // FTS5 keeps a deleted row's terms in its segments until they are merged: merge them all now. The
    // freed pages are zeroed (secure_delete, open.ts) and the WAL's old copies dropped by the checkpoint.
    db.raw.prepare("INSERT INTO messages_fts(messages_fts) VALUES ('optimize')").run();
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
  }
  return result;
}

const DAY_MS = 86_400_000;

/** See PrivacyStore.deleteExpiredConversations. */
export function deleteExpiredConversations(db: Db, now: number, limit: number): ExpiredConversation[] {
  const due = db
    .st(
      `SELECT c.id FROM conversations c JOIN sites s ON s.id = c.site_id
       WHERE c.status = 'resolved' AND json_extract(s.settings, '$.retentionDays') > 0
         AND c.resolved_at <= ? - json_extract(s.settings, '$.retentionDays') * ${DAY_MS}
       ORDER BY c.resolved_at LIMIT ?`,
    )
    .pluck()
    .all(now, limit) as string[];
  const gone: ExpiredConversation[] = [];
  for (const id of due) {
    const one = db.raw.transaction((): ExpiredConversation | null => {
      db.conversations.forget(id);
      const row = db
        .st(
          `SELECT c.site_id, c.visitor_id FROM conversations c JOIN sites s ON s.id = c.site_id
           WHERE c.id = ? AND c.status = 'resolved' AND c.resolved_at <= ? - json_extract(s.settings, '$.retentionDays') * ${DAY_MS}`,
        )
        .get(id, now) as { site_id: string; visitor_id: string } | undefined;
      if (!row) return null; // reopened, or deleted by another sweep
      const storagePaths = db.st('SELECT storage_path FROM attachments WHERE conversation_id = ?').pluck().all(id) as string[];
      db.st('DELETE FROM attachments WHERE conversation_id = ?').run(id);
      const at = nextSeq(db, id, false);
      const event = insertEvent(db, row.site_id, { kind: 'conversation.erased' as const, conversationId: id, ...at, cursor: takeCursor(db, row.site_id), visitorId: row.visitor_id, tombstone: false }, false, now);
      db.st('DELETE FROM messages WHERE conversation_id = ?').run(id);
      db.st(`DELETE FROM events WHERE conversation_id = ? AND kind <> 'conversation.erased'`).run(id);
      db.st('DELETE FROM email_outbox WHERE conversation_id = ?').run(id);
      db.st('DELETE FROM webhook_deliveries WHERE site_id = ? AND instr(body, ?) > 0').run(row.site_id, id);
      db.st('DELETE FROM conversations WHERE id = ?').run(id);
      db.conversations.forgetVisitor(row.visitor_id);
      return { siteId: row.site_id, visitorId: row.visitor_id, event, storagePaths };
    })();
    if (one) gone.push(one);
  }
  if (gone.length) db.raw.prepare("INSERT INTO messages_fts(messages_fts) VALUES ('optimize')").run();
  return gone;
}
