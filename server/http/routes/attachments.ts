import type { MiddlewareHandler } from 'hono';
import { Routes, type AttachmentLinksResponse } from '../../../protocol/index.ts';
import { principalOfLink, signAttachmentLink } from '../../attachments/signed-link.ts';
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
import type { App, AppEnv, RouteDeps } from '../env.ts';
import { readJson, readParams } from '../input.ts';
import { AttachmentLinksRequest, Id, IdParams } from '../../../protocol/schema/index.ts';
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

  app.post(Routes.attachmentLinks, requireAuth(deps), async (c) => {
    const { ids } = await readJson(c, AttachmentLinksRequest, deps.config.limits.maxBodyBytes);
    const p = c.get('principal');
    const now = (deps.now ?? Date.now)();
    const links: AttachmentLinksResponse['links'] = {};
    for (const id of new Set(ids)) {
      // Ids the caller may not read are left out, exactly as if they did not exist.
      const record = await authorizeDownload(deps.store, p, id).catch(() => null);
      if (record) links[id] = signAttachmentLink(deps.linkSigner, id, p, now, deps.config.attachmentLinkTtlSec);
    }
    return c.json({ links } satisfies AttachmentLinksResponse);
  });

  // Either a signed link (what <img> and links use) or a Bearer token or the staff cookie in headers.
  const downloader: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.query('token') !== undefined) fail('unauthorized', 'Tokens are not taken in URLs; get a signed link from POST /api/v1/attachments/links.');
    if (c.req.query('sig') === undefined) return requireAuth(deps)(c, next);
    const record = await deps.store.getAttachment(c.req.param('id') ?? '');
    if (!record) return fail('not_found', 'No such attachment.');
    c.set('principal', principalOfLink(deps.linkSigner, record.id, c.req.query(), record.siteId, (deps.now ?? Date.now)()));
    await next();
  };

  app.get(Routes.attachment, downloader, async (c) => {
    const record = await authorizeDownload(deps.store, c.get('principal'), readParams(c, IdParams).id);
    const inline = isImageType(record.type);
    return c.body(deps.attachmentStorage.read(record.storagePath), 200, {
      'Content-Type': record.type === 'text/plain' ? 'text/plain; charset=utf-8' : record.type,
      'Content-Length': String(record.size),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', record.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      // private: the answer is for who the link or token names; no-referrer keeps a link's signature
      // out of Referer headers when a PDF or text file opened in a tab links elsewhere.
      'Cache-Control': 'private, max-age=300',
      'Referrer-Policy': 'no-referrer',
    });
  });
}
