import { Routes } from '../../../protocol/index.ts';
import { contentDisposition } from '../../attachments/content-disposition.ts';
import { isImageType } from '../../attachments/sniff.ts';
import { authorizeDownload } from '../../attachments/access.ts';
import { acceptUpload, type AttachmentDeps } from '../../attachments/upload.ts';
import { fail } from '../../errors.ts';
import { requireAuth } from '../auth-middleware.ts';
import { readLimitedBody } from '../body-limit.ts';
import type { App, RouteDeps } from '../env.ts';
import { readParams } from '../input.ts';
import { Id, IdParams } from '../../../protocol/schema/index.ts';
import { check } from '../../validation/validator.ts';

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * POST multipart/form-data with `file` (and optional `conversationId`); GET the bytes back. The body
 * is cut off while it arrives once it passes the upload limit, so a huge upload costs nothing.
 */
export function registerAttachments(app: App, deps: RouteDeps): void {
  const max = deps.config.limits.maxUploadBytes;
  const attachmentDeps: AttachmentDeps = { store: deps.store, storage: deps.attachmentStorage, maxUploadBytes: max, now: Date.now };

  app.post(Routes.attachments, requireAuth(deps), deps.writeLimit.perPrincipal('upload'), async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data;/i.test(contentType)) fail('bad_request', 'Upload with Content-Type multipart/form-data and a "file" field.');
    const body = await readLimitedBody(c, max + MULTIPART_OVERHEAD, 'Upload');
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return fail('bad_request', 'The multipart body could not be read.');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') return fail('bad_request', 'file is required (a multipart file field).');
    const conversationId = form.get('conversationId');
    if (conversationId !== null) check(Id, conversationId, 'conversationId');
    if (file.size > max) fail('payload_too_large', `Files are limited to ${max} bytes.`);
    const attachment = await acceptUpload(
      attachmentDeps,
      c.get('principal'),
      { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      (conversationId as string | null) || null,
    );
    return c.json(attachment, 201);
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

