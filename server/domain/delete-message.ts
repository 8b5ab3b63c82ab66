import { fail } from '../errors.ts';
import { actorOf, loadConversation, requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { findMessage } from './find-message.ts';
import { publishDurable } from './publish.ts';

/** Staff delete a message (its text is gone for everyone; the event stays so clients can remove it). */
export async function deleteMessage(ctx: DomainContext, p: Principal, conversationId: string, messageId: string): Promise<{ seq: number }> {
  const staff = requireStaff(p, 'Deleting a message');
  const c = await loadConversation(ctx.store, staff, conversationId);
  const files = await attachmentFilesOf(ctx, c.id, messageId);
  const event = await ctx.store.deleteMessage({ conversationId: c.id, messageId, by: actorOf(staff), at: ctx.now() });
  if (!event) fail('not_found', 'No such message in this conversation.');
  // After the commit: a failed removal leaves an orphan file (never served), not an undeleted message.
  for (const path of files) await ctx.removeAttachmentFile!(path).catch(() => {});
  // The deletion of a note does not reach the visitor: the store gave it no prevVisibleSeq.
  // Unread counts follow the published message.deleted (unread.ts).
  publishDurable(ctx, c.siteId, c.visitorId, [event!]);
  return { seq: event!.seq };
}

/** Stored paths of the files a message carries, looked up before the delete (the store drops their records). */
async function attachmentFilesOf(ctx: DomainContext, conversationId: string, messageId: string): Promise<string[]> {
  if (!ctx.removeAttachmentFile) return [];
  const message = await findMessage(ctx.store, conversationId, messageId, true);
  const paths: string[] = [];
  for (const a of message?.attachments ?? []) {
    const record = await ctx.store.getAttachment(a.id);
    if (record && record.messageId === messageId) paths.push(record.storagePath);
  }
  return paths;
}
