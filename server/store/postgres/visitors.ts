import type { DurableEvent, Visitor } from '../../../protocol/index.ts';
import type { NewVisitor, VisitorPatch } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { newId } from '../ids.ts';
import { Conflicts } from '../records.ts';
import { mergeSite, patchedVisitor } from '../visitor-changes.ts';
import { isForeignKeyViolation, isUniqueViolation, q, q1, tx, type Pg } from './db.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';
import { toVisitor, type VisitorRow } from './rows.ts';

export async function createVisitor(db: Pg, input: NewVisitor): Promise<Visitor> {
  try {
    const r = await q1<VisitorRow>(
      db.pool,
      `INSERT INTO visitors (id, site_id, external_id, identified, name, email, email_verified, label, context, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
      [
        input.id ?? newId('vis'),
        input.siteId,
        input.externalId ?? null,
        !!input.externalId,
        input.name ?? null,
        input.email ?? null,
        input.emailVerified ?? null,
        input.label,
        JSON.stringify(input.context ?? {}),
        input.at,
      ],
    );
    return toVisitor(r!);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.visitor);
    if (isForeignKeyViolation(err)) throw new ParleyError('not_found', 'Unknown site.');
    throw err;
  }
}

export async function getVisitor(db: Pg, id: string): Promise<Visitor | null> {
  const r = await q1<VisitorRow>(db.pool, 'SELECT * FROM visitors WHERE id = $1', [id]);
  return r ? toVisitor(r) : null;
}

export async function findVisitorByExternalId(db: Pg, siteId: string, externalId: string): Promise<Visitor | null> {
  const r = await q1<VisitorRow>(db.pool, 'SELECT * FROM visitors WHERE site_id = $1 AND external_id = $2', [siteId, externalId]);
  return r ? toVisitor(r) : null;
}

export async function updateVisitor(db: Pg, id: string, patch: VisitorPatch): Promise<Visitor | null> {
  const cur = await getVisitor(db, id);
  if (!cur) return null;
  const next = patchedVisitor(cur, patch);
  try {
    const r = await q1<VisitorRow>(
      db.pool,
      `UPDATE visitors SET external_id = $2, identified = $3, name = $4, email = $5, email_verified = $6, context = $7, last_seen_at = $8
       WHERE id = $1 RETURNING *`,
      [id, next.externalId, next.identified, next.name, next.email, next.emailVerified, JSON.stringify(next.context), next.lastSeenAt],
    );
    return r ? toVisitor(r) : null;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.externalId);
    throw err;
  }
}

/** Same semantics as the SQLite store: conversations, visitor-authored messages and read cursors move; one visitor.identified event per conversation. */
export async function mergeVisitor(db: Pg, fromId: string, intoId: string, at: number): Promise<DurableEvent[]> {
  if (fromId === intoId) return [];
  const from = await q1<{ site_id: string; label: string }>(db.pool, 'SELECT site_id, label FROM visitors WHERE id = $1', [fromId]);
  const into = await q1<{ site_id: string; name: string | null; label: string }>(db.pool, 'SELECT site_id, name, label FROM visitors WHERE id = $1', [intoId]);
  const siteId = mergeSite(from, into);
  return tx(db.pool, async (c) => {
    await lockCounters(c, [siteId]); // lock order: counters before conversation rows
    const moved = (await q<{ id: string }>(c, 'SELECT id FROM conversations WHERE visitor_id = $1 ORDER BY created_at, id FOR UPDATE', [fromId])).map((r) => r.id);
    await c.query('UPDATE conversations SET visitor_id = $1 WHERE visitor_id = $2', [intoId, fromId]);
    // A client id clash between the two visitors (practically impossible) keeps the old author.
    await c.query(
      `UPDATE messages m SET author_id = $1 WHERE author_kind = 'visitor' AND author_id = $2
         AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.site_id = m.site_id AND o.author_kind = 'visitor' AND o.author_id = $1 AND o.client_id = m.client_id)`,
      [intoId, fromId],
    );
    await c.query(
      `UPDATE read_cursors r SET reader_id = $1 WHERE reader_kind = 'visitor' AND reader_id = $2
         AND NOT EXISTS (SELECT 1 FROM read_cursors o WHERE o.conversation_id = r.conversation_id AND o.reader_kind = 'visitor' AND o.reader_id = $1)`,
      [intoId, fromId],
    );
    await c.query('UPDATE visitors SET merged_into = $1 WHERE id = $2', [intoId, fromId]);
    // As SQLite's: a pending erasure request follows the person (the identified one's own stands for both).
    await c.query(
      `UPDATE erasure_requests SET visitor_id = $1 WHERE visitor_id = $2 AND status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM erasure_requests o WHERE o.visitor_id = $1 AND o.status = 'pending')`,
      [intoId, fromId],
    );
    await c.query(`DELETE FROM erasure_requests WHERE visitor_id = $1 AND status = 'pending'`, [fromId]);
    const events: DurableEvent[] = [];
    for (const conversationId of moved) {
      const seq = await nextSeq(c, conversationId, false);
      const event: DurableEvent = { kind: 'visitor.identified', conversationId, ...seq, cursor: 0, visitorId: intoId, fromLabel: from!.label, name: into!.name ?? into!.label };
      events.push(await insertEvent(c, siteId, event, false, at));
    }
    return events;
  });
}
