import type { Attachment, DurableEvent } from '../../../protocol/index.ts';
import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { checkAttachment, type AttachmentCheckRow } from '../append-rules.ts';
import { newId } from '../ids.ts';
import { appendedMessage } from '../records.ts';
import { q1, type Queryable } from './db.ts';
import { loadConversation } from './conversations.ts';
import { insertEvent, nextSeq } from './events.ts';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './rows.ts';

export type AppendPlan =
  | { duplicate: AppendMessageResult }
  | { duplicate?: undefined; input: NewMessage; conversationId: string | null; attachments: Attachment[] };

/** Phase 1, reads only: a ParleyError here rejects one caller and leaves the transaction usable. */
export async function checkAppend(on: Queryable, input: NewMessage): Promise<AppendPlan> {
  const dup = await q1<MessageRow>(
    on,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE site_id = $1 AND author_kind = $2 AND author_id = $3 AND client_id = $4`,
    [input.siteId, input.author.kind, input.author.id, input.clientId],
  );
  if (dup) {
    return { duplicate: { message: toMessage(dup), conversation: (await loadConversation(on, dup.conversation_id))!, events: [], duplicate: true } };
  }
  if (input.conversationId !== undefined) {
    const row = await q1<{ site_id: string }>(on, 'SELECT site_id FROM conversations WHERE id = $1', [input.conversationId]);
    if (!row || row.site_id !== input.siteId) throw new ParleyError('not_found', 'Unknown conversation.');
  } else {
    const v = await q1<{ site_id: string }>(on, 'SELECT site_id FROM visitors WHERE id = $1', [input.visitorId]);
    if (!v || v.site_id !== input.siteId) throw new ParleyError('not_found', 'Unknown visitor.');
  }
  const attachments: Attachment[] = [];
  for (const id of input.attachmentIds) {
    attachments.push(checkAttachment(await q1<AttachmentCheckRow>(on, 'SELECT * FROM attachments WHERE id = $1', [id]), id, input, attachments));
  }
  return { input, conversationId: input.conversationId ?? null, attachments };
}

/** Phase 2, the writes. The caller holds the site's event counter (lockCounters) already. */
export async function writeAppend(on: Queryable, plan: Exclude<AppendPlan, { duplicate: AppendMessageResult }>): Promise<AppendMessageResult> {
  const { input, attachments } = plan;
  const events: DurableEvent[] = [];
  let conversationId = plan.conversationId;
  if (conversationId === null) {
    conversationId = newId('cnv');
    await on.query(`INSERT INTO conversations (id, site_id, visitor_id, status, last_activity_at, created_at) VALUES ($1, $2, $3, 'open', $4, $4)`, [
      conversationId,
      input.siteId,
      input.visitorId,
      input.at,
    ]);
    const seq = await nextSeq(on, conversationId);
    const conversation = (await loadConversation(on, conversationId, { forVisitor: true }))!;
    events.push(await insertEvent(on, input.siteId, { kind: 'conversation.created', conversationId, seq, cursor: 0, conversation }, true, input.at));
  }
  const messageId = newId('msg');
  for (const a of attachments) {
    // Bound only if still unsent: the sweeper may have deleted it since the check (it was 24 h old).
    const bound = await on.query('UPDATE attachments SET conversation_id = $1, message_id = $2 WHERE id = $3 AND message_id IS NULL', [conversationId, messageId, a.id]);
    if (bound.rowCount !== 1) throw new ParleyError('not_found', `No such attachment: ${a.id}.`);
  }
  const conv = await q1<{ last_seq: number }>(
    on,
    `UPDATE conversations SET last_seq = last_seq + 1, last_message_seq = last_seq + 1,
       last_visitor_seq = CASE WHEN $1 THEN last_seq + 1 ELSE last_visitor_seq END,
       last_activity_at = GREATEST(last_activity_at, $2)
     WHERE id = $3 RETURNING last_seq`,
    [input.author.kind === 'visitor', input.at, conversationId],
  );
  const seq = conv!.last_seq;
  await on.query(
    `INSERT INTO messages (id, site_id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, attachments, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [messageId, input.siteId, conversationId, seq, input.clientId, input.author.kind, input.author.id, input.authorName ?? null, input.text, JSON.stringify(attachments), input.note, input.at],
  );
  const message = appendedMessage(input, messageId, conversationId, seq, attachments);
  events.push(await insertEvent(on, input.siteId, { kind: 'message.created', conversationId, seq, cursor: 0, message }, !input.note, input.at));
  const conversation = (await loadConversation(on, conversationId))!;
  return { message, conversation, events, duplicate: false };
}
