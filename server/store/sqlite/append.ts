import type { Attachment, DurableEvent } from '../../../protocol/index.ts';
import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { checkAttachment, tooManyOpen, type AttachmentCheckRow } from '../append-rules.ts';
import { newId, newOrderedId } from '../ids.ts';
import { appendedMessage } from '../records.ts';
import { conversationSnapshot, withTeam, type LastMessage } from '../snapshot.ts';
import type { Db } from './db.ts';
import { copyReads, type ConversationState } from './conversation-cache.ts';
import { getConversation, loadSendTarget } from './conversations.ts';
import { insertEvent, storedCursor } from './events.ts';
import { toMessage, type ConversationRow, type MessageRow } from './rows.ts';

/*
 * The append path, per message: no SELECT (conversation counters come from db.conversations), one
 * INSERT into messages that also dedupes (ON CONFLICT DO NOTHING on the idempotency key) and is the
 * message.created event itself (it takes the event's seq and cursor; see events.ts). Per batch: one
 * UPDATE per conversation that moved (and one more, once in its life, for its first staff reply: reports
 * read it); the site's cursor is the highest its rows hold (events.ts storedCursor). Same transaction, same
 * guarantees as one-append-at-a-time. A visitor's message that reopens a resolved conversation writes
 * its conversation.updated in the same transaction, so no later step can be skipped.
 *
 * Measured with measure-append.ts (20,000 appends into 200 conversations, one in flight per
 * conversation, so ~200 appends per group commit, one per conversation: the costly shape, every append
 * dirties its own index pages). CPU from /proc for the main thread, the one that limits the server;
 * A/B runs interleaved on this 2-core machine while it was loaded (load average 8-11), rounds 2-4:
 *   before (55cb2f5): 152-213 µs CPU/msg, 1,400-2,700 msg/s wall. UPDATE ... RETURNING * and three
 *     SELECTs per message, a per-row FTS trigger, a JSON copy of every message in events, random
 *     message ids, and SQLite's autocheckpoint (copy + 2 fsyncs) inside COMMIT on the event loop.
 *   after: 40-55 µs CPU/msg, 6,500-19,500 msg/s wall. Where it goes now (cpu-prof): COMMIT writing
 *     ~2.8 WAL pages per message ~25%, the messages INSERT (table + 4 indexes) ~25%, the conversation
 *     write-back (3 inbox indexes over last_activity_at) ~12%, FTS ~4%, GC ~7%.
 * With 5 appends per conversation per batch (~1,000 per batch, as a saturated server's batches grow):
 * before 115-152 µs, after 21-30 µs CPU/msg and 13,600-30,000 msg/s wall.
 *
 * A lone append (the idle server's commit, measure-frames.ts) writes ~9.5 WAL pages: the messages
 * table and its 4 indexes ~6 (a page each, more when one splits), conversations_inbox ~2.3 (the old
 * and the new place of the conversation), the conversation row 1. Until migration 29 the status,
 * assignee and priority inbox indexes also held last_activity_at, and each batch wrote its site's
 * cursor row back: 18-20.6 pages (bench/findings.md #20).
 */

/** One group commit in progress: appends share its cache lookups and its write-back. */
export interface AppendBatch {
  db: Db;
  /** Per site touched: the last cursor given out in this batch (each lands in its row at once: events.ts storedCursor). */
  cursors: Map<string, { last: number }>;
  /** Conversations whose counters moved in memory and are not yet written back. */
  dirty: ConversationState[];
}

/** What planAppend found; writeAppend cannot fail on input after it. */
type AppendPlan =
  | { kind: 'duplicate'; result: AppendMessageResult }
  | { kind: 'existing'; input: NewMessage; state: ConversationState; attachments: Attachment[] }
  | { kind: 'new'; input: NewMessage; attachments: Attachment[] };

/** Starts a batch inside the caller's IMMEDIATE transaction. */
export function beginBatch(db: Db): AppendBatch {
  db.conversations.revalidate();
  return { db, cursors: new Map(), dirty: [] };
}

/**
 * Ends a batch (or one append of the savepoint replay) before COMMIT: counters written back once per
 * conversation (search indexes later: search-index.ts). The site's cursor needs no write: the rows
 * hold it (events.ts storedCursor).
 */
export function finishBatch(batch: AppendBatch): void {
  writeBack(batch);
}

/** The site's cursor counter for this batch, read once per batch. */
function siteCursor(batch: AppendBatch, siteId: string): { last: number } {
  let c = batch.cursors.get(siteId);
  if (!c) batch.cursors.set(siteId, (c = { last: storedCursor(batch.db, siteId) }));
  return c;
}

/** Writes the moved counters now (before a read of the conversation row, and at the end of a batch). */
export function writeBack(batch: AppendBatch): void {
  for (const s of batch.dirty) {
    if (s.lastActivityAt !== s.storedActivityAt) {
      batch.db
        .st('UPDATE conversations SET last_seq = ?, last_message_seq = ?, last_visitor_seq = ?, last_visible_seq = ?, visitor_messages = ?, last_activity_at = ? WHERE rowid = ?')
        .run(s.lastSeq, s.lastMessageSeq, s.lastVisitorSeq, s.lastVisibleSeq, s.visitorMessages, s.lastActivityAt, s.rowid);
      s.storedActivityAt = s.lastActivityAt;
    } else {
      // Leaves last_activity_at (and so conversations_inbox, the one index over it a message moves) untouched.
      batch.db
        .st('UPDATE conversations SET last_seq = ?, last_message_seq = ?, last_visitor_seq = ?, last_visible_seq = ?, visitor_messages = ? WHERE rowid = ?')
        .run(s.lastSeq, s.lastMessageSeq, s.lastVisitorSeq, s.lastVisibleSeq, s.visitorMessages, s.rowid);
    }
    if (s.firstReplyBy !== undefined) {
      batch.db.st('UPDATE conversations SET first_reply_at = ?, first_reply_by = ? WHERE rowid = ?').run(s.firstReplyAt, s.firstReplyBy, s.rowid);
      s.firstReplyBy = undefined;
    }
    if (s.statusDirty) {
      // A visitor's message reopened it (append.ts reopen): status and snooze move with the counters.
      batch.db
        .st('UPDATE conversations SET status = ?, snoozed_until = ?, resolved_at = ?, resolved_by = CASE WHEN ? IS NULL THEN NULL ELSE resolved_by END WHERE rowid = ?')
        .run(s.status, s.snoozedUntil, s.resolvedAt, s.resolvedAt, s.rowid);
      s.statusDirty = false;
    }
    s.dirty = false;
  }
  batch.dirty.length = 0;
}

/**
 * Phase 1: reads only, so it may throw ParleyError (bad input) with nothing to roll back. A repeated
 * (author, clientId) is answered first, as before any other check: from a SELECT here when the
 * append would create a conversation or bind attachments, else from the INSERT's conflict in phase 2.
 * Without a conversation id, the visitor's open conversation is looked up here, inside the write
 * transaction (it sees conversations created earlier in the batch), so concurrent first messages of
 * one visitor share one conversation.
 */
export function planAppend(batch: AppendBatch, input: NewMessage): AppendPlan {
  const { db } = batch;
  if (input.conversationId === undefined) {
    const dup = findDuplicate(batch, input);
    if (dup) return { kind: 'duplicate', result: dup };
    const v = db.st('SELECT site_id FROM visitors WHERE id = ?').get(input.visitorId) as { site_id: string } | undefined;
    if (!v || v.site_id !== input.siteId) throw new ParleyError('not_found', 'Unknown visitor.');
    if (input.newConversation) {
      if (input.maxOpenConversations !== undefined) {
        const open = db.st(`SELECT COUNT(*) FROM conversations WHERE visitor_id = ? AND status <> 'resolved'`).pluck().get(input.visitorId) as number;
        if (open >= input.maxOpenConversations) throw tooManyOpen(input.maxOpenConversations);
      }
      return { kind: 'new', input, attachments: checkAttachments(db, input) };
    }
    const open = db.conversations.sendTarget(input.visitorId, () => loadSendTarget(db, input.visitorId))?.openConversation;
    if (!open) return { kind: 'new', input, attachments: checkAttachments(db, input) };
    input = { ...input, conversationId: open.id };
  }
  const state = db.conversations.get(input.conversationId!);
  if (!state || state.siteId !== input.siteId || input.attachmentIds.length > 0) {
    const dup = findDuplicate(batch, input);
    if (dup) return { kind: 'duplicate', result: dup };
  }
  if (!state || state.siteId !== input.siteId) throw new ParleyError('not_found', 'Unknown conversation.');
  return { kind: 'existing', input, state, attachments: checkAttachments(db, input) };
}

/** Phase 2: the writes. An error here is an engine error and aborts the whole group transaction. */
export function writeAppend(batch: AppendBatch, plan: AppendPlan): AppendMessageResult {
  if (plan.kind === 'duplicate') return plan.result;
  const events: DurableEvent[] = [];
  const state = plan.kind === 'new' ? createConversation(batch, plan.input, events) : plan.state;
  const { input, attachments } = plan;
  const { db } = batch;
  const counter = siteCursor(batch, input.siteId);
  const seq = state.lastSeq + 1;
  const cursor = counter.last + 1;
  const prevVisibleSeq = input.note ? null : state.lastVisibleSeq;
  const messageId = newOrderedId('msg');
  // The row is also the message.created event (events.ts): seq and cursor are its event's.
  const inserted = db
    .st(
      `INSERT INTO messages (id, site_id, conversation_id, seq, cursor, prev_visible_seq, client_id, author_kind, author_id, author_name, text, attachments, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, author_kind, author_id, client_id) DO NOTHING`,
    )
    .run(
      messageId,
      input.siteId,
      state.id,
      seq,
      cursor,
      prevVisibleSeq,
      input.clientId,
      input.author.kind,
      input.author.id,
      input.authorName ?? null,
      input.text,
      attachments.length === 0 ? '[]' : JSON.stringify(attachments),
      input.note ? 1 : 0,
      input.at,
    );
  if (inserted.changes === 0) {
    // Same (author, clientId) committed earlier, or earlier in this batch: nothing was written.
    // (A new conversation never gets here: planAppend looked for the duplicate before creating it.)
    return findDuplicate(batch, input)!;
  }
  counter.last = cursor;
  for (const a of attachments) db.st('UPDATE attachments SET conversation_id = ?, message_id = ? WHERE id = ?').run(state.id, messageId, a.id);

  const message = appendedMessage(input, messageId, state.id, seq, attachments);
  const created: DurableEvent = { kind: 'message.created', conversationId: state.id, seq, cursor, message };
  if (prevVisibleSeq !== null) created.prevVisibleSeq = prevVisibleSeq;
  events.push(created);

  state.lastSeq = seq;
  state.lastMessageSeq = seq;
  if (prevVisibleSeq !== null) state.lastVisibleSeq = seq;
  if (input.author.kind === 'visitor') {
    state.lastVisitorSeq = seq;
    state.visitorMessages++;
  } else if (!input.note && state.firstReplyAt === null) {
    // The first staff reply, kept on the conversation for reports (written back with the batch).
    state.firstReplyAt = input.at;
    state.firstReplyBy = input.author.id;
  }
  if (input.at > state.lastActivityAt) state.lastActivityAt = input.at;
  markDirty(batch, state);
  db.conversations.touched(state);

  const last = { id: messageId, seq, author: input.author, text: input.text, createdAt: input.at, note: input.note };
  if (input.reopen && (state.status === 'resolved' || state.status === 'snoozed')) events.push(reopen(batch, state, input, last));
  const conversation = conversationSnapshot(state, copyReads(state.reads), last);
  return { message, conversation, events, duplicate: false };
}

/** A visitor wrote into a resolved or snoozed conversation: open again, announced by conversation.updated. */
function reopen(batch: AppendBatch, state: ConversationState, input: NewMessage, last: LastMessage): DurableEvent {
  const { db } = batch;
  state.status = 'open';
  state.snoozedUntil = null;
  state.resolvedAt = null;
  state.statusDirty = true;
  const seq = ++state.lastSeq;
  const prevVisibleSeq = state.lastVisibleSeq;
  state.lastVisibleSeq = seq;
  const cursor = ++siteCursor(batch, input.siteId).last;
  db.conversations.forgetVisitor(state.visitorId);
  // Built for the visitor (a visitor's message is never a note), like every snapshot inside an event, with the team.
  const conversation = withTeam(conversationSnapshot(state, copyReads(state.reads), last), state.teamId);
  const event: DurableEvent = { kind: 'conversation.updated', conversationId: state.id, seq, prevVisibleSeq, cursor, conversation, changes: { status: 'open' }, by: input.author };
  if (input.authorName !== undefined) event.byName = input.authorName;
  return insertEvent(db, input.siteId, event, true, input.at);
}

function markDirty(batch: AppendBatch, state: ConversationState): void {
  if (state.dirty) return;
  state.dirty = true;
  batch.dirty.push(state);
}

/** The stored message for this (author, clientId), as a duplicate result; undefined when none. */
function findDuplicate(batch: AppendBatch, input: NewMessage): AppendMessageResult | undefined {
  const { db } = batch;
  const dup = db
    .st('SELECT * FROM messages WHERE site_id = ? AND author_kind = ? AND author_id = ? AND client_id = ?')
    .get(input.siteId, input.author.kind, input.author.id, input.clientId) as MessageRow | undefined;
  if (!dup) return undefined;
  writeBack(batch); // the snapshot below reads the conversation row
  return { message: toMessage(dup), conversation: getConversation(db, dup.conversation_id)!, events: [], duplicate: true };
}

/** New open conversation for the visitor, with its conversation.created event (seq 1). */
function createConversation(batch: AppendBatch, input: NewMessage, events: DurableEvent[]): ConversationState {
  const { db } = batch;
  const row: ConversationRow = {
    id: newId('cnv'),
    site_id: input.siteId,
    visitor_id: input.visitorId,
    status: 'open',
    assignee_id: null,
    snoozed_until: null,
    resolved_at: null,
    resolved_by: null,
    snoozed_by: null,
    rating_score: null,
    rating_comment: null,
    rated_at: null,
    rating_changed_at: null,
    first_reply_at: null,
    first_reply_by: null,
    priority: 0,
    labels: '[]',
    last_seq: 0,
    last_message_seq: 0,
    last_visitor_seq: 0,
    last_visible_seq: 0,
    visitor_messages: 0,
    last_activity_at: input.at,
    created_at: input.at,
    team_id: input.teamId ?? null,
  };
  const info = db
    .st(`INSERT INTO conversations (id, site_id, visitor_id, status, last_activity_at, created_at, team_id) VALUES (?, ?, ?, 'open', ?, ?, ?)`)
    .run(row.id, row.site_id, row.visitor_id, row.last_activity_at, row.created_at, input.teamId ?? null);
  const state = db.conversations.add(Number(info.lastInsertRowid), row);
  db.conversations.forgetVisitor(input.visitorId);
  state.lastSeq = 1;
  state.lastVisibleSeq = 1;
  markDirty(batch, state);
  // Built for the visitor (no lastMessage yet, no read cursors) with the team: what getConversation({ event }) would return.
  const conversation = withTeam(conversationSnapshot(state, copyReads(state.reads)), state.teamId);
  const cursor = ++siteCursor(batch, input.siteId).last;
  events.push(insertEvent(db, input.siteId, { kind: 'conversation.created', conversationId: row.id, seq: 1, prevVisibleSeq: 0, cursor, conversation }, true, input.at));
  return state;
}

/** The attachments the append lists, checked (../append-rules.ts). */
function checkAttachments(db: Db, input: NewMessage): Attachment[] {
  const out: Attachment[] = [];
  for (const id of input.attachmentIds) {
    out.push(checkAttachment(db.st('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentCheckRow | undefined, id, input, out));
  }
  return out;
}
