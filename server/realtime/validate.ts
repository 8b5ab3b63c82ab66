import type { ClientCommand } from '../../protocol/index.ts';
import { validateClientFrame } from '../../protocol/validate.ts';
import type { WireError } from '../../protocol/index.ts';

/**
 * Turns one inbound WebSocket message into a command or a wire error. The size check is the
 * soft limit (limits.maxFrameBytes) answered with frame_too_large while the connection stays up;
 * ws's maxPayload is the hard limit above it (closes 1009 without buffering more).
 */
export type ParsedFrame = { ok: true; command: ClientCommand } | { ok: false; error: WireError; id?: string };

export function parseFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean, maxFrameBytes: number): ParsedFrame {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (buf.length > maxFrameBytes) {
    const error = { code: 'frame_too_large' as const, message: `Frames are limited to ${maxFrameBytes} bytes.` };
    return { ok: false, error, id: peekId(buf) };
  }
  if (isBinary) return { ok: false, error: { code: 'bad_request', message: 'Frames are JSON text, not binary.' } };
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch {
    return { ok: false, error: { code: 'invalid_json', message: 'The frame is not valid JSON.' } };
  }
  const check = validateClientFrame(value);
  if (!check.ok) return { ok: false, error: { code: check.code, message: check.message }, id: check.id };
  return { ok: true, command: check.command };
}

/** ws hard limit: frames this big are not even read (the socket closes with 1009). */
export const hardFrameLimit = (maxFrameBytes: number): number => maxFrameBytes * 2;

/**
 * Best-effort correlation id of an oversized frame without parsing it: clients put `type` and
 * `id` first, so the id is usually in the first bytes. Undefined when it is not found there.
 */
function peekId(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 256).toString('utf8');
  return /"id"\s*:\s*"([^"\\]{1,128})"/.exec(head)?.[1];
}
