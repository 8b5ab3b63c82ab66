import { createHash } from 'node:crypto';
import { acceptUpload, type AttachmentDeps } from '../../attachments/upload.ts';
import type { Domain } from '../../domain/domain.ts';
import type { Principal } from '../../domain/principal.ts';
import { fail, ParleyError } from '../../errors.ts';
import type { EmailContext } from '../context.ts';
import { parseInbound } from './parse.ts';

/**
 * A reply by email becomes the visitor's message in the conversation its signed Reply-To address
 * names, committed through the domain like any visitor message: same seq, same live delivery to
 * agents and to the visitor's open tabs, same idempotency, with the email's Message-ID as clientId
 * (a redelivered email makes no second message). Files go through the upload path, so they are
 * sniffed and limited exactly like uploads; those refused are listed in the message instead.
 * An address that is not ours, forged or tampered is refused before anything is read.
 */
export interface ReceiveDeps {
  ctx: EmailContext;
  domain: Domain;
  attachments: AttachmentDeps;
}

export type ReceiveResult =
  | { status: 'posted'; conversationId: string; messageId: string; seq: number }
  | { status: 'ignored'; conversationId: string; reason: 'automatic' | 'message-id reused' };

/** The conversation named by the first of these addresses that is a valid reply address; refusals say why. */
export function conversationOfRecipients(ctx: EmailContext, recipients: string[]): string {
  for (const address of recipients) {
    const id = ctx.keys.conversationOfReplyAddress(address);
    if (id) return id;
  }
  const ours = recipients.some((a) => /^reply\+/i.test(a));
  return fail('forbidden', ours ? 'The reply address is not valid: it was changed or not made by this server.' : 'The email is not addressed to a reply address of this server.');
}

export async function receiveEmail(deps: ReceiveDeps, raw: Buffer, envelopeRecipients: string[] = []): Promise<ReceiveResult> {
  const { ctx } = deps;
  if (raw.byteLength > ctx.config.maxInboundBytes) fail('payload_too_large', `Emails are limited to ${ctx.config.maxInboundBytes} bytes.`);
  const email = await parseInbound(raw);
  const conversationId = conversationOfRecipients(ctx, [...envelopeRecipients, ...email.recipients]);
  const conversation = (await ctx.store.getConversation(conversationId)) ?? fail('not_found', 'This conversation no longer exists.');
  if (email.automatic) return { status: 'ignored', conversationId, reason: 'automatic' };

  const p: Principal = { kind: 'visitor', siteId: conversation.siteId, visitorId: conversation.visitorId };
  const { ids, refused } = await uploadFiles(deps, p, conversationId, email.attachments);
  let text = email.text;
  if (refused.length) text = [text, ...refused.map((r) => `[${r}]`)].filter(Boolean).join('\n\n');
  const max = ctx.limits.maxTextLength;
  if (text.length > max) text = text.slice(0, max - 1) + '…';
  if (!text && ids.length === 0) fail('bad_request', 'The email has no reply text: only quoted history or a signature.');

  let ack;
  try {
    ack = await deps.domain.sendMessage(p, { conversationId, clientId: clientIdOf(email.messageId, raw), text, attachmentIds: ids });
  } catch (err) {
    // The same Message-ID with other content (a client re-sending an edited draft under one id): the
    // first stands. Anything else is a real failure.
    if (!(err instanceof ParleyError && err.code === 'conflict')) throw err;
    ctx.log.warn('email with a reused Message-ID ignored', { conversationId, messageId: email.messageId });
    return { status: 'ignored', conversationId, reason: 'message-id reused' };
  }
  await verifyByReply(deps, conversation.visitorId, email.from);
  return { status: 'posted', conversationId, messageId: ack.messageId, seq: ack.seq };
}

/** The email's Message-ID names the message for its author; without one, the bytes do. */
export function clientIdOf(messageId: string | null, raw: Buffer): string {
  const id = messageId?.replace(/^<|>$/g, '').trim();
  if (id && id.length <= 120) return `email:${id}`;
  return `email:${createHash('sha256').update(id || raw).digest('base64url')}`;
}

async function uploadFiles(deps: ReceiveDeps, p: Principal, conversationId: string, files: { name: string; bytes: Buffer }[]) {
  const ids: string[] = [];
  const refused: string[] = [];
  for (const file of files) {
    if (ids.length >= deps.ctx.limits.maxAttachmentsPerMessage) {
      refused.push(`${file.name}: more than ${deps.ctx.limits.maxAttachmentsPerMessage} files`);
      continue;
    }
    try {
      ids.push((await acceptUpload(deps.attachments, p, { name: file.name, bytes: new Uint8Array(file.bytes) }, conversationId)).id);
    } catch (err) {
      if (!(err instanceof ParleyError) || (err.code !== 'unsupported_media_type' && err.code !== 'payload_too_large')) throw err;
      refused.push(`${file.name}: ${err.code === 'payload_too_large' ? 'too large' : 'this type of file is not accepted'}`);
    }
  }
  return { ids, refused };
}

/** Replying from the address we wrote to proves it: a typed-in email becomes verified. */
async function verifyByReply(deps: ReceiveDeps, visitorId: string, from: string | null): Promise<void> {
  const visitor = await deps.ctx.store.getVisitor(visitorId);
  if (!visitor?.email || visitor.emailVerified || !from || visitor.email.toLowerCase() !== from) return;
  await deps.ctx.store.updateVisitor(visitorId, { emailVerified: true });
  await deps.domain.visitorChanged(visitorId);
}
