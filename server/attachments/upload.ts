import type { Attachment } from '../../protocol/index.ts';
import { actorOf, canAccess } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import { newId } from '../store/ids.ts';
import type { AttachmentRecord, Store } from '../store/store.ts';
import { safeFileName, sniffType } from './sniff.ts';
import type { AttachmentStorage } from './storage.ts';

/**
 * Accepting attachments, transport-free. The uploader must be a participant: a visitor uploads into
 * their own conversation (or before they have one), staff into their site's. Who may download is
 * decided in access.ts.
 */
export interface AttachmentDeps {
  store: Store;
  storage: AttachmentStorage;
  maxUploadBytes: number;
  now: () => number;
}

export const attachmentUrl = (id: string): string => `/api/v1/attachments/${id}`;

export async function acceptUpload(
  deps: AttachmentDeps,
  p: Principal,
  file: { name: string; bytes: Uint8Array },
  conversationId: string | null,
): Promise<Attachment> {
  if (file.bytes.byteLength > deps.maxUploadBytes) fail('payload_too_large', `Files are limited to ${deps.maxUploadBytes} bytes.`);
  if (conversationId !== null) {
    const conversation = await deps.store.getConversation(conversationId);
    if (!conversation || !canAccess(p, conversation)) fail('not_found', 'No such conversation.');
  }
  const type = sniffType(file.bytes);
  if (!type) fail('unsupported_media_type', 'This kind of file is not accepted: send an image (PNG, JPEG, GIF, WebP), a PDF or plain text.');
  const id = newId('att');
  const storagePath = await deps.storage.write(p.siteId, id, file.bytes);
  const record: AttachmentRecord = {
    id,
    name: safeFileName(file.name, type!),
    size: file.bytes.byteLength,
    type: type!,
    url: attachmentUrl(id),
    siteId: p.siteId,
    conversationId,
    uploader: actorOf(p),
    storagePath,
    createdAt: deps.now(),
  };
  try {
    await deps.store.createAttachment(record);
  } catch (err) {
    await deps.storage.remove(storagePath);
    throw err;
  }
  return { id: record.id, name: record.name, size: record.size, type: record.type, url: record.url };
}
