import { fail } from '../errors.ts';
import type { Config } from '../config.ts';

/**
 * Checks of use-case inputs that do not depend on stored state. Frames are schema-checked by the
 * gateway and bodies by the routes already; these repeat the rules that are the domain's own
 * (REST and WebSocket must agree on them).
 */
export const MAX_ID_LENGTH = 128;

export function checkId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    fail('bad_request', `${name} must be a non-empty string of at most ${MAX_ID_LENGTH} characters.`);
  }
  return value as string;
}

export function checkSeq(value: unknown, name = 'seq'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail('bad_request', `${name} must be a non-negative integer.`);
  }
  return value as number;
}

/**
 * Trimmed, well-formed text; empty only when attachments carry the message. A lone surrogate (half of
 * an emoji cut off by a client) cannot be stored as UTF-8: it becomes U+FFFD here, before the commit,
 * so the ack, the stored message, every delivery and a resend with the same clientId (compared with
 * the stored text) all carry the same text.
 */
export function checkMessageText(text: unknown, attachmentCount: number, config: Config): string {
  if (typeof text !== 'string') fail('bad_request', 'text must be a string.');
  const trimmed = wellFormed((text as string).trim());
  if (trimmed.length > config.limits.maxTextLength) {
    fail('text_too_long', `Message text is limited to ${config.limits.maxTextLength} characters.`);
  }
  if (trimmed.length === 0 && attachmentCount === 0) fail('bad_request', 'A message needs text or an attachment.');
  return trimmed;
}

export function checkAttachmentIds(ids: unknown, config: Config): string[] {
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids)) fail('bad_request', 'attachmentIds must be an array of ids.');
  const list = ids as unknown[];
  if (list.length > config.limits.maxAttachmentsPerMessage) {
    fail('bad_request', `At most ${config.limits.maxAttachmentsPerMessage} attachments per message.`);
  }
  const out = list.map((id) => checkId(id, 'attachmentIds[]'));
  if (new Set(out).size !== out.length) fail('bad_request', 'attachmentIds must not repeat.');
  return out;
}

export function clampLimit(limit: unknown, fallback: number, config: Config): number {
  if (limit === undefined || limit === null) return Math.min(fallback, config.limits.maxPageSize);
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) fail('bad_request', 'limit must be a positive integer.');
  return Math.min(limit as number, config.limits.maxPageSize);
}

/** The string with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed();
}
