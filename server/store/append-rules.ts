import type { Attachment } from '../../protocol/index.ts';
import { ParleyError } from '../errors.ts';
import type { NewMessage } from './store.ts';

/** The attachments columns an append checks. */
export interface AttachmentCheckRow {
  id: string;
  site_id: string;
  conversation_id: string | null;
  message_id: string | null;
  name: string;
  size: number;
  type: string;
  url: string;
}

/**
 * One attachment an append lists (`row` as stored, undefined when unknown): it must be this site's,
 * not bound to another conversation or message, and listed once (`taken`: the ones accepted so far).
 */
export function checkAttachment(row: AttachmentCheckRow | undefined, id: string, input: NewMessage, taken: readonly Attachment[]): Attachment {
  if (!row || row.site_id !== input.siteId || (row.conversation_id !== null && row.conversation_id !== (input.conversationId ?? null))) {
    throw new ParleyError('not_found', `Unknown attachment ${id}.`);
  }
  if (row.message_id !== null) throw new ParleyError('conflict', `Attachment ${id} already belongs to a message.`);
  if (taken.some((o) => o.id === id)) throw new ParleyError('bad_request', `Attachment ${id} is listed twice.`);
  return { id: row.id, name: row.name, size: row.size, type: row.type, url: row.url };
}

/**
 * The refusal when a visitor asks for a new conversation while `max` of theirs are open. Checked by
 * the store inside the append's transaction, after the idempotency check, so a resend of the message
 * that opened the last allowed one still gets its first answer, and concurrent asks cannot pass it.
 */
export function tooManyOpen(max: number): ParleyError {
  return new ParleyError('rate_limited', `You have ${max} open conversations; continue one of them (at most ${max} may be open at once).`);
}
