import { Routes } from '../../../protocol/index.ts';
import { contentDisposition } from '../../attachments/content-disposition.ts';
import { isImageType } from '../../attachments/sniff.ts';
import { authorizeDownload } from '../../attachments/access.ts';
import { readUploadForm } from '../../attachments/multipart.ts';
import { acceptReceived, checkRoomForUpload, type AttachmentDeps } from '../../attachments/upload.ts';
import { createUploadSlots } from '../../attachments/upload-slots.ts';
import { principalKey } from '../../domain/principal.ts';
import { newId } from '../../store/ids.ts';
import { fail } from '../../errors.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readParams } from '../input.ts';
import { Id, IdParams } from '../../../protocol/schema/index.ts';
import { check } from '../../validation/validator.ts';

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * POST multipart/form-data with `file` (and optional `conversationId`); GET the bytes back. An upload
 * is refused before its body is read when the caller has too many in progress or no quota left, and
 * is streamed to disk while it arrives (cut off once it passes the upload limit).
 */
export function registerAttachments(app: App, deps: RouteDeps): void {
  const max = deps.config.limits.maxUploadBytes;
  const limits = deps.config.serverLimits;
  const attachmentDeps: AttachmentDeps = { store: deps.store, storage: deps.attachmentStorage, maxUploadBytes: max, quotas: limits, now: deps.now ?? Date.now };
  const slots = createUploadSlots({ perUploader: limits.uploadsConcurrentPerUploader, perProcess: limits.uploadsConcurrentPerProcess });

  app.post(Routes.attachments, requireAuth(deps), deps.writeLimit.perPrincipal('upload'), async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data;/i.test(contentType)) fail('bad_request', 'Upload with Content-Type multipart/form-data and a "file" field.');
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > max + MULTIPART_OVERHEAD) fail('payload_too_large', `Files are limited to ${max} bytes.`);
    const p = c.get('principal');
    const release = slots.take(principalKey(p));
    try {
      await checkRoomForUpload(attachmentDeps, p);
      const id = newId('att');
      const form = await readUploadForm(c.req.raw.body, {
        contentType,
        maxFileBytes: max,
        maxBodyBytes: max + MULTIPART_OVERHEAD,
        open: () => deps.attachmentStorage.create(p.siteId, id),
      });
      if (form.conversationId !== null) {
        try {
          check(Id, form.conversationId, 'conversationId');
        } catch (err) {
          await form.file.abort();
          throw err;
        }
      }
      const attachment = await acceptReceived(attachmentDeps, p, { id, name: form.name, size: form.size, type: form.type, file: form.file }, form.conversationId);
      return c.json(attachment, 201);
    } finally {
      release();
    }
  });

  app.get(Routes.attachment, requireAuth(deps, { queryToken: true }), async (c) => {
    const record = await authorizeDownload(deps.store, c.get('principal'), readParams(c, IdParams).id);
    const inline = isImageType(record.type);
    return c.body(deps.attachmentStorage.read(record.storagePath), 200, {
      'Content-Type': record.type === 'text/plain' ? 'text/plain; charset=utf-8' : record.type,
      'Content-Length': String(record.size),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', record.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      // private: the URL may carry ?token=; no-referrer keeps that token out of Referer headers when a
      // PDF or text file opened in a tab links elsewhere.
      'Cache-Control': 'private, max-age=3600',
      'Referrer-Policy': 'no-referrer',
    });
  });
}



