import { actorOf, canAccess } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { findMessage } from '../domain/find-message.ts';
import { fail } from '../errors.ts';
import type { AttachmentRecord, Store } from '../store/store.ts';

/**
 * Who may download an attachment. Before it is sent: only its uploader. Once sent, access follows
 * the message that carries it, exactly as history does:
 * - the message must still exist and not be deleted (a deleted message's files are gone for all);
 * - a staff note's files are for staff of the site only (a visitor never sees notes);
 * - otherwise the participants of the conversation: its visitor and the staff of its site.
 * Every refusal is `not_found`, so attachment ids cannot be probed across visitors or sites.
 */
export async function authorizeDownload(store: Store, p: Principal, id: string): Promise<AttachmentRecord> {
  const gone = (): never => fail('not_found', 'No such attachment.');
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return gone();
  const record = await store.getAttachment(id);
  if (!record || record.siteId !== p.siteId) return gone();
  if (!record.messageId) return isUploader(p, record) ? record : gone();
  if (!record.conversationId) return gone();
  const conversation = await store.getConversation(record.conversationId);
  if (!conversation || !canAccess(p, conversation)) return gone();
  const message = await findMessage(store, conversation.id, record.messageId, p.kind === 'staff');
  if (!message || message.deleted || !message.attachments.some((a) => a.id === record.id)) return gone();
  return record;
}

function isUploader(p: Principal, record: AttachmentRecord): boolean {
  const me = actorOf(p);
  return record.uploader.kind === me.kind && record.uploader.id === me.id;
}
