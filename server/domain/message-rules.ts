import { fail } from '../errors.ts';
import type { Config } from '../config.ts';

/**
 * The domain's own rules for what a message may carry. The shape of every input (ids, types, fixed
 * field limits) is the schema set's (protocol/schema), checked by the transports before a use case
 * runs; what is left here depends on the deployment's limits or on normalizing the value.
 */

/**
 * Trimmed, well-formed text; empty only when attachments carry the message. A lone surrogate (half of
 * an emoji cut off by a client) cannot be stored as UTF-8: it becomes U+FFFD here, before the commit,
 * so the ack, the stored message, every delivery and a resend with the same clientId (compared with
 * the stored text) all carry the same text. The length counts after trimming, so it is not a schema's.
 */
export function messageText(text: string, attachmentCount: number, config: Config): string {
  const trimmed = wellFormed(text.trim());
  if (trimmed.length > config.limits.maxTextLength) {
    fail('text_too_long', `Message text is limited to ${config.limits.maxTextLength} characters.`);
  }
  if (trimmed.length === 0 && attachmentCount === 0) fail('bad_request', 'A message needs text or an attachment.');
  return trimmed;
}

/** At most limits.maxAttachmentsPerMessage (PARLEY_MAX_ATTACHMENTS) files per message. */
export function attachmentList(ids: string[] | undefined, config: Config): string[] {
  const list = ids ?? [];
  if (list.length > config.limits.maxAttachmentsPerMessage) {
    fail('bad_request', `attachmentIds must have at most ${config.limits.maxAttachmentsPerMessage} items.`);
  }
  return list;
}

/** A page size: the caller's, or the fallback, never above limits.maxPageSize. */
export function pageSize(limit: number | undefined, fallback: number, config: Config): number {
  return Math.min(limit ?? fallback, config.limits.maxPageSize);
}

/** The string with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed();
}
