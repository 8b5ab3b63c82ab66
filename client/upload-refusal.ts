import type { ErrorCode } from '../protocol/errors.ts';
import type { Limits } from '../protocol/limits.ts';

/**
 * Why a file did not become an attachment, as the composer shows it (widget and dashboard alike): the
 * stable code (protocol/errors.ts) and a sentence. A refusal the server answered carries the server's
 * code and its own sentence; a file the browser stops before sending carries the code the server would
 * have answered; a failure with no answer (the network, a chunk that would not load) has no code.
 */
export interface UploadRefusal {
  code?: string;
  text: string;
}

/**
 * The check made before any byte is sent: a file above limits.maxUploadBytes (PARLEY_MAX_UPLOAD_BYTES,
 * sent in the hello ack; docs/deploy.md's limits table) would be refused `413 payload_too_large` after
 * its upload, so it is refused here with that code and the limit, which the composer names. The type is
 * not checked here: the server sniffs the bytes and ignores the declared type, so only it can say.
 */
export function uploadTooLarge(file: { size: number }, limits: Pick<Limits, 'maxUploadBytes'>): { code: Extract<ErrorCode, 'payload_too_large'>; limit: number } | null {
  return file.size > limits.maxUploadBytes ? { code: 'payload_too_large', limit: limits.maxUploadBytes } : null;
}
