import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { Store } from '../store/store.ts';

/**
 * Upload quotas on what visitors can leave on the server's disk (config.serverLimits.upload*): per
 * visitor and per site, the uploads no message carries yet ("pending": picked, never sent) and all
 * uploads of the last 24 hours, each by count and by bytes. Staff uploads are not limited here.
 *
 * Checked before an upload is read (is there room for one more file?) and again once its size is
 * known (does it fit?). Uploads running at the same time may each pass the first check: the
 * overshoot is bounded by the concurrent-upload limits (upload-slots.ts), and the second check sees
 * every upload already committed.
 */
export interface UploadQuotaLimits {
  uploadsPendingPerVisitor: number;
  uploadBytesPendingPerVisitor: number;
  uploadsPerVisitorPerDay: number;
  uploadBytesPerVisitorPerDay: number;
  uploadsPendingPerSite: number;
  uploadBytesPendingPerSite: number;
  uploadsPerSitePerDay: number;
  uploadBytesPerSitePerDay: number;
}

export const DAY_MS = 24 * 3600 * 1000;

export async function checkUploadQuota(
  d: { store: Pick<Store, 'uploadUsage'>; limits: UploadQuotaLimits; now: () => number },
  p: Principal,
  bytes: number,
): Promise<void> {
  if (p.kind !== 'visitor') return;
  const since = d.now() - DAY_MS;
  const [mine, site] = await Promise.all([d.store.uploadUsage(p.siteId, p.visitorId, since), d.store.uploadUsage(p.siteId, null, since)]);
  const l = d.limits;
  const over = (used: { count: number; bytes: number }, maxCount: number, maxBytes: number) => used.count + 1 > maxCount || used.bytes + bytes > maxBytes;
  if (over(mine.pending, l.uploadsPendingPerVisitor, l.uploadBytesPendingPerVisitor)) {
    fail('quota_exceeded', `You have ${mine.pending.count} uploaded files (${mib(mine.pending.bytes)}) not sent yet; the limit is ${l.uploadsPendingPerVisitor} files or ${mib(l.uploadBytesPendingPerVisitor)}. Send or remove them first.`);
  }
  if (over(mine.recent, l.uploadsPerVisitorPerDay, l.uploadBytesPerVisitorPerDay)) {
    fail('quota_exceeded', `You have uploaded ${mine.recent.count} files (${mib(mine.recent.bytes)}) in the last 24 hours; the limit is ${l.uploadsPerVisitorPerDay} files or ${mib(l.uploadBytesPerVisitorPerDay)}. Try again later.`);
  }
  if (over(site.pending, l.uploadsPendingPerSite, l.uploadBytesPendingPerSite) || over(site.recent, l.uploadsPerSitePerDay, l.uploadBytesPerSitePerDay)) {
    fail('quota_exceeded', 'This site is receiving too many uploads right now; try again later or send your message without a file.');
  }
}

const mib = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
