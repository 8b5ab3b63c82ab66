import type { Attachment, AttachmentType } from '../../protocol/index.ts';
import { actorOf, canAccess } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import { newId } from '../store/ids.ts';
import type { AttachmentRecord, Store } from '../store/store.ts';
import { checkUploadQuota, type UploadQuotaLimits } from './quota.ts';
import { safeFileName, sniffType } from './sniff.ts';
import type { AttachmentStorage, PendingFile } from './storage.ts';

/**
 * Accepting attachments, transport-free. The uploader must be a participant: a visitor uploads into
 * their own conversation (or before they have one), staff into their site's; a visitor's uploads count
 * against the upload quotas (quota.ts). Who may download is decided in access.ts.
 */
export interface AttachmentDeps {
  store: Store;
  storage: AttachmentStorage;
  maxUploadBytes: number;
  quotas: UploadQuotaLimits;
  now: () => number;
}

export const attachmentUrl = (id: string): string => `/api/v1/attachments/${id}`;

/** A file already on disk under a temp name (multipart.ts), with its sniffed type. */
export interface ReceivedFile {
  id: string;
  name: string;
  size: number;
  type: AttachmentType | null;
  file: PendingFile;
}

/** Before reading an upload: is there room for one more file? (Its size is checked once known.) */
export const checkRoomForUpload = (deps: AttachmentDeps, p: Principal): Promise<void> =>
  checkUploadQuota({ store: deps.store, limits: deps.quotas, now: deps.now }, p, 0);

/** An upload whose bytes are in memory (attachments of an inbound email). */
export async function acceptUpload(
  deps: AttachmentDeps,
  p: Principal,
  file: { name: string; bytes: Uint8Array },
  conversationId: string | null,
): Promise<Attachment> {
  if (file.bytes.byteLength > deps.maxUploadBytes) fail('payload_too_large', `Files are limited to ${deps.maxUploadBytes} bytes.`);
  const id = newId('att');
  const pending = await deps.storage.create(p.siteId, id);
  try {
    await pending.write(file.bytes);
  } catch (err) {
    await pending.abort();
    throw err;
  }
  return acceptReceived(deps, p, { id, name: file.name, size: file.bytes.byteLength, type: sniffType(file.bytes), file: pending }, conversationId);
}

/** Checks a received file and keeps it (commit + record), or deletes it. */
export async function acceptReceived(deps: AttachmentDeps, p: Principal, received: ReceivedFile, conversationId: string | null): Promise<Attachment> {
  let storagePath: string | null = null;
  try {
    if (conversationId !== null) {
      const conversation = await deps.store.getConversation(conversationId);
      if (!conversation || !canAccess(p, conversation)) fail('not_found', 'No such conversation.');
    }
    const type = received.type;
    if (!type) return fail('unsupported_media_type', 'This kind of file is not accepted: send an image (PNG, JPEG, GIF, WebP), a PDF or plain text.');
    await checkUploadQuota({ store: deps.store, limits: deps.quotas, now: deps.now }, p, received.size);
    storagePath = await received.file.commit();
    const record: AttachmentRecord = {
      id: received.id,
      name: safeFileName(received.name, type),
      size: received.size,
      type,
      url: attachmentUrl(received.id),
      siteId: p.siteId,
      conversationId,
      uploader: actorOf(p),
      storagePath,
      createdAt: deps.now(),
    };
    await deps.store.createAttachment(record);
    return { id: record.id, name: record.name, size: record.size, type: record.type, url: record.url };
  } catch (err) {
    await received.file.abort();
    if (storagePath) await deps.storage.remove(storagePath);
    throw err;
  }
}
