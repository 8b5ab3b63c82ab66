import type { Attachment, DurableEvent } from '../../../protocol/index.ts';
import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { checkAttachment, tooManyOpen, type AttachmentCheckRow } from '../append-rules.ts';
import { newId, newOrderedId } from '../ids.ts';
import { appendedMessage } from '../records.ts';
import { conversationFromRow, readCursor } from '../snapshot.ts';
import { q, q1, type Queryable } from './db.ts';
import { loadConversation } from './conversations.ts';
import { MESSAGE_COLUMNS, toMessage, type ConversationRow, type MessageRow } from './rows.ts';

/** One append as append_messages (append-function.ts) takes it. */
export interface AppendCall {
  input: NewMessage;
  messageId: string;
  attachments: Attachment[];
  json: Record<string, unknown>;
}

type Answer =
  | { error: { code: ParleyError['code']; message: string } }
  | { duplicate: string }
  | {
      conversation: ConversationRow;
      reads: { kind: string; id: string; seq: number }[];
      seq: number;
      cursor: number;
      prevVisibleSeq: number | null;
      created: DurableEvent | null;
      reopened: DurableEvent | null;
    };

/**
 * Checks the attachments each append lists (one read for the whole batch; the rules are shared with
 * SQLite, ../append-rules.ts) and builds the calls. An append that fails its check is answered here
 * and never sent.
 */
export async function prepareAppends(on: Queryable, inputs: NewMessage[]): Promise<(AppendCall | ParleyError)[]> {
  const ids = inputs.flatMap((i) => i.attachmentIds);
  const rows = new Map<string, AttachmentCheckRow>();
  if (ids.length > 0) for (const r of await q<AttachmentCheckRow>(on, 'SELECT * FROM attachments WHERE id = ANY($1)', [ids])) rows.set(r.id, r);
  return inputs.map((input) => {
    const attachments: Attachment[] = [];
    try {
      for (const id of input.attachmentIds) attachments.push(checkAttachment(rows.get(id), id, input, attachments));
    } catch (err) {
      if (err instanceof ParleyError) return err;
      throw err;
    }
    const messageId = newOrderedId('msg');
    const json = {
      siteId: input.siteId,
      conversationId: input.conversationId ?? null,
      newConversationId: newId('cnv'),
      visitorId: input.visitorId,
      teamId: input.teamId ?? null,
      messageId,
      clientId: input.clientId,
      authorKind: input.author.kind,
      authorId: input.author.id,
      authorName: input.authorName ?? null,
      text: input.text,
      attachments,
      note: input.note,
      at: input.at,
      reopen: input.reopen === true,
      newConversation: input.newConversation === true,
      maxOpen: input.maxOpenConversations ?? null,
      tooManyOpen: input.maxOpenConversations === undefined ? null : tooManyOpen(input.maxOpenConversations).message,
    };
    return { input, messageId, attachments, json };
  });
}

/** Runs append_messages for these calls: one round trip, one transaction. Throws when the call failed as a whole. */
export async function callAppend(on: Queryable, calls: AppendCall[]): Promise<Answer[]> {
  const r = await q1<{ r: Answer[] }>(on, 'SELECT append_messages($1::jsonb) AS r', [JSON.stringify(calls.map((c) => c.json))]);
  return r!.r;
}

/** The result of one append from its answer (a duplicate is read back: rare, and outside the lock). */
export async function toResult(on: Queryable, call: AppendCall, answer: Answer): Promise<AppendMessageResult> {
  if ('error' in answer) throw new ParleyError(answer.error.code, answer.error.message);
  if ('duplicate' in answer) {
    const dup = await q1<MessageRow>(on, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1`, [answer.duplicate]);
    return { message: toMessage(dup!), conversation: (await loadConversation(on, dup!.conversation_id))!, events: [], duplicate: true };
  }
  const { input, messageId, attachments } = call;
  const conversationId = answer.conversation.id;
  const message = appendedMessage(input, messageId, conversationId, answer.seq, attachments);
  const created: DurableEvent = { kind: 'message.created', conversationId, seq: answer.seq, cursor: answer.cursor, message };
  if (answer.prevVisibleSeq !== null) created.prevVisibleSeq = answer.prevVisibleSeq;
  const events = [answer.created, created, answer.reopened].filter((e): e is DurableEvent => e !== null);
  const last = { id: messageId, seq: answer.seq, author: input.author, text: input.text, createdAt: input.at, note: input.note };
  const conversation = conversationFromRow(answer.conversation, answer.reads.map((x) => readCursor(x.kind, x.id, x.seq)), last);
  return { message, conversation, events, duplicate: false };
}

/** SQLSTATE of append_messages when an attachment it was to bind is gone (the sweeper took it). */
export const ATTACHMENT_GONE = 'PY001';
