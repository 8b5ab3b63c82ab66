import type { DurableEvent, Visitor } from '../../../protocol/index.ts';
import { ERASED_LABEL, redactEvent, renameIds } from '../erasure-rules.ts';
import { newId } from '../ids.ts';
import type { EraseInput, EraseResult, ExpiredConversation } from '../privacy-records.ts';
import { q, q1, tx, type Pg } from './db.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';
import { toVisitor, type VisitorRow } from './rows.ts';

export async function findVisitorsByEmail(db: Pg, siteId: string, email: string): Promise<Visitor[]> {
  const rows = await q<VisitorRow>(db.pool, 'SELECT * FROM visitors WHERE site_id = $1 AND lower(email) = lower($2) ORDER BY first_seen_at, id', [siteId, email.trim()]);
  return rows.map(toVisitor);
}

/**
 * See PrivacyStore.eraseVisitor: one transaction. Deleted rows are gone for every reader at COMMIT;
 * their dead tuples are reclaimed by autovacuum (docs/deploy.md, Privacy, says how to force it).
 */
export function eraseVisitor(db: Pg, input: EraseInput): Promise<EraseResult> {
  return tx(db.pool, async (c): Promise<EraseResult> => {
    await lockCounters(c, [input.siteId]);
    const root = await q1<{ id: string; email: string | null }>(c, 'SELECT id, email FROM visitors WHERE id = $1 AND site_id = $2 FOR UPDATE', [input.visitorId, input.siteId]);
    if (!root) return { events: [], storagePaths: [], conversations: 0, visitorErased: false };
    const people = [root, ...(await q<{ id: string; email: string | null }>(c, 'SELECT id, email FROM visitors WHERE merged_into = $1 AND site_id = $2 FOR UPDATE', [root.id, input.siteId]))];
    const ids = people.map((p) => p.id);
    const emails = people.map((p) => p.email?.toLowerCase()).filter((e): e is string => !!e);
    const convs = (await q<{ id: string }>(c, 'SELECT id FROM conversations WHERE visitor_id = ANY($1) ORDER BY id FOR UPDATE', [ids])).map((r) => r.id);

    const attached = `site_id = $1 AND (conversation_id = ANY($2) OR (uploader_kind = 'visitor' AND uploader_id = ANY($3)))`;
    const files = (await q<{ storage_path: string }>(c, `DELETE FROM attachments WHERE ${attached} RETURNING storage_path`, [input.siteId, convs, ids])).map((r) => r.storage_path);

    const events: DurableEvent[] = [];
    for (const conversationId of convs) {
      const at = await nextSeq(c, conversationId, false);
      events.push(await insertEvent(c, input.siteId, { kind: 'conversation.erased', conversationId, ...at, cursor: 0, visitorId: root.id, tombstone: input.tombstone }, false, input.at));
    }
    if (input.tombstone && convs.length) {
      // The tombstones belong to a new, empty visitor record: the erased ids exist nowhere any more.
      const stand = newId('vis');
      await c.query(`INSERT INTO visitors (id, site_id, identified, label, context, first_seen_at, last_seen_at) VALUES ($1, $2, false, $3, '{}', $4, $4)`, [stand, input.siteId, ERASED_LABEL, input.at]);
      await c.query('UPDATE conversations SET visitor_id = $2, rating_comment = NULL WHERE id = ANY($1)', [convs, stand]);
      await c.query(
        `UPDATE messages SET text = '', attachments = '[]', deleted = true, author_id = CASE author_kind WHEN 'visitor' THEN $2 ELSE author_id END,
         author_name = CASE author_kind WHEN 'visitor' THEN NULL ELSE author_name END WHERE conversation_id = ANY($1)`,
        [convs, stand],
      );
      await c.query(`UPDATE read_cursors SET reader_id = $2 WHERE conversation_id = ANY($1) AND reader_kind = 'visitor'`, [convs, stand]);
      const rows = await q<{ cursor: number; payload: DurableEvent }>(c, `SELECT cursor, payload FROM events WHERE conversation_id = ANY($1) AND kind <> 'conversation.erased'`, [convs]);
      for (const r of rows) {
        const payload = redactEvent(JSON.parse(renameIds(JSON.stringify(r.payload), ids, stand)) as DurableEvent);
        await c.query('UPDATE events SET payload = $3 WHERE site_id = $1 AND cursor = $2', [input.siteId, r.cursor, JSON.stringify(payload)]);
      }
      await c.query('DELETE FROM email_notify WHERE conversation_id = ANY($1)', [convs]);
    } else {
      await c.query('DELETE FROM messages WHERE conversation_id = ANY($1)', [convs]);
      await c.query(`DELETE FROM events WHERE conversation_id = ANY($1) AND kind <> 'conversation.erased'`, [convs]);
      await c.query('DELETE FROM conversations WHERE id = ANY($1)', [convs]);
    }
    await c.query('DELETE FROM visitors WHERE id = ANY($1)', [ids]);
    await c.query('DELETE FROM email_outbox WHERE site_id = $1 AND (conversation_id = ANY($2) OR lower(to_address) = ANY($3))', [input.siteId, convs, emails]);
    await c.query('DELETE FROM webhook_deliveries WHERE site_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS id WHERE strpos(body, id) > 0)', [input.siteId, [...convs, ...ids]]);
    await c.query(`DELETE FROM email_optouts WHERE kind = 'visitor' AND id = ANY($1)`, [ids]);
    await c.query('DELETE FROM visitor_addresses WHERE visitor_id = ANY($1)', [ids]);
    await c.query(`DELETE FROM blocks WHERE site_id = $1 AND kind = 'visitor' AND value = ANY($2)`, [input.siteId, ids]);
    // The erased visitors' pending erasure requests are carried out (erasure-request-records.ts).
    await c.query(`UPDATE erasure_requests SET status = 'confirmed', decided_at = $2, decided_by = $3 WHERE visitor_id = ANY($1) AND status = 'pending'`, [ids, input.at, input.by ?? null]);
    return { events, storagePaths: files, conversations: convs.length, visitorErased: true };
  });
}

const DAY_MS = 86_400_000;
const EXPIRED = `c.status = 'resolved' AND (s.settings->>'retentionDays')::bigint > 0 AND c.resolved_at <= $1 - (s.settings->>'retentionDays')::bigint * ${DAY_MS}`;

/** See PrivacyStore.deleteExpiredConversations: SKIP LOCKED, so processes sweeping at once split the work. */
export async function deleteExpiredConversations(db: Pg, now: number, limit: number): Promise<ExpiredConversation[]> {
  const due = await q<{ id: string; site_id: string }>(
    db.pool,
    `SELECT c.id, c.site_id FROM conversations c JOIN sites s ON s.id = c.site_id WHERE ${EXPIRED} ORDER BY c.resolved_at LIMIT $2`,
    [now, limit],
  );
  const gone: ExpiredConversation[] = [];
  for (const { id, site_id } of due) {
    const one = await tx(db.pool, async (c): Promise<ExpiredConversation | null> => {
      await lockCounters(c, [site_id]);
      const row = await q1<{ visitor_id: string }>(
        c,
        `SELECT c.visitor_id FROM conversations c JOIN sites s ON s.id = c.site_id WHERE c.id = $2 AND ${EXPIRED} FOR UPDATE OF c SKIP LOCKED`,
        [now, id],
      );
      if (!row) return null; // reopened, or taken by another process
      const storagePaths = (await q<{ storage_path: string }>(c, 'DELETE FROM attachments WHERE conversation_id = $1 RETURNING storage_path', [id])).map((r) => r.storage_path);
      const at = await nextSeq(c, id, false);
      const event = await insertEvent(c, site_id, { kind: 'conversation.erased', conversationId: id, ...at, cursor: 0, visitorId: row.visitor_id, tombstone: false }, false, now);
      await c.query('DELETE FROM messages WHERE conversation_id = $1', [id]);
      await c.query(`DELETE FROM events WHERE conversation_id = $1 AND kind <> 'conversation.erased'`, [id]);
      await c.query('DELETE FROM email_outbox WHERE conversation_id = $1', [id]);
      await c.query('DELETE FROM webhook_deliveries WHERE site_id = $1 AND strpos(body, $2) > 0', [site_id, id]);
      await c.query('DELETE FROM conversations WHERE id = $1', [id]);
      return { siteId: site_id, visitorId: row.visitor_id, event, storagePaths };
    });
    if (one) gone.push(one);
  }
  return gone;
}
