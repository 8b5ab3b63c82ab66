import type { DurableEvent, Visitor } from '../../../protocol/index.ts';
import type { NewVisitor, VisitorPatch } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { newId } from '../ids.ts';
import { Conflicts } from '../records.ts';
import { mergeSite, patchedVisitor } from '../visitor-changes.ts';
import { int01, type Db } from './db.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';
import { toVisitor, type VisitorRow } from './rows.ts';
import { isUniqueViolation } from './sites.ts';

export function createVisitor(db: Db, input: NewVisitor): Visitor {
  const id = input.id ?? newId('vis');
  try {
    db.st(
      `INSERT INTO visitors (id, site_id, external_id, identified, name, email, email_verified, label, context, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.siteId,
      input.externalId ?? null,
      input.externalId ? 1 : 0,
      input.name ?? null,
      input.email ?? null,
      input.emailVerified === undefined ? null : input.emailVerified ? 1 : 0,
      input.label,
      JSON.stringify(input.context ?? {}),
      input.at,
      input.at,
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.visitor);
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new ParleyError('not_found', 'Unknown site.');
    throw err;
  }
  return getVisitor(db, id)!;
}

export function getVisitor(db: Db, id: string): Visitor | null {
  const r = db.st('SELECT * FROM visitors WHERE id = ?').get(id) as VisitorRow | undefined;
  return r ? toVisitor(r) : null;
}

export function findVisitorByExternalId(db: Db, siteId: string, externalId: string): Visitor | null {
  const r = db.st('SELECT * FROM visitors WHERE site_id = ? AND external_id = ?').get(siteId, externalId) as VisitorRow | undefined;
  return r ? toVisitor(r) : null;
}

export function updateVisitor(db: Db, id: string, patch: VisitorPatch): Visitor | null {
  const cur = getVisitor(db, id);
  if (!cur) return null;
  db.conversations.forgetVisitor(id); // its name may change
  const next = patchedVisitor(cur, patch);
  try {
    db.st(
      `UPDATE visitors SET external_id = ?, identified = ?, name = ?, email = ?, email_verified = ?, context = ?, last_seen_at = ? WHERE id = ?`,
    ).run(
      next.externalId,
      int01(next.identified),
      next.name,
      next.email,
      next.emailVerified === null ? null : int01(next.emailVerified),
      JSON.stringify(next.context),
      next.lastSeenAt,
      id,
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.externalId);
    throw err;
  }
  return getVisitor(db, id);
}

/**
 * Moves every conversation of `fromId` to `intoId`, with the messages the visitor wrote and their
 * read cursors, so the identified visitor keeps the history and their unread counts stay right.
 * Each moved conversation gets a visitor.identified event (staff only: no visible seq), in the
 * same transaction. Both visitors must belong to the same site.
 */
export function mergeVisitor(db: Db, fromId: string, intoId: string, at: number): DurableEvent[] {
  if (fromId === intoId) return [];
  const from = db.st('SELECT site_id, label FROM visitors WHERE id = ?').get(fromId) as { site_id: string; label: string } | undefined;
  const into = db.st('SELECT site_id, name, label FROM visitors WHERE id = ?').get(intoId) as { site_id: string; name: string | null; label: string } | undefined;
  const siteId = mergeSite(from, into);
  return db.raw.transaction((): DurableEvent[] => {
    db.conversations.clear(); // visitor_id and read cursors of cached conversations change
    const moved = db.st('SELECT id FROM conversations WHERE visitor_id = ? ORDER BY created_at, id').pluck().all(fromId) as string[];
    db.st('UPDATE conversations SET visitor_id = ? WHERE visitor_id = ?').run(intoId, fromId);
    // OR IGNORE: a client id clash between the two visitors (practically impossible) keeps the old author.
    db.st(`UPDATE OR IGNORE messages SET author_id = ? WHERE author_kind = 'visitor' AND author_id = ?`).run(intoId, fromId);
    db.st(`UPDATE OR IGNORE read_cursors SET reader_id = ? WHERE reader_kind = 'visitor' AND reader_id = ?`).run(intoId, fromId);
    db.st('UPDATE visitors SET merged_into = ? WHERE id = ?').run(intoId, fromId);
    // A pending erasure request follows the person like their conversations (one per visitor: the
    // identified one's own, if they have one, stands for both).
    db.st(`UPDATE OR IGNORE erasure_requests SET visitor_id = ? WHERE visitor_id = ? AND status = 'pending'`).run(intoId, fromId);
    db.st(`DELETE FROM erasure_requests WHERE visitor_id = ? AND status = 'pending'`).run(fromId);
    return moved.map((conversationId) =>
      insertEvent(
        db,
        siteId,
        { kind: 'visitor.identified', conversationId, ...nextSeq(db, conversationId, false), cursor: takeCursor(db, siteId), visitorId: intoId, fromLabel: from!.label, name: into!.name ?? into!.label },
        false,
        at,
      ),
    );
  })();
}
