import type { ClientCommand, WireError } from '../../protocol/index.ts';
import { CommandSchemas, Id } from '../../protocol/schema/index.ts';
import { problemWith } from '../validation/validator.ts';

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
  return checkCommand(value);
}

/**
 * A parsed frame against the schema of its `type` (protocol/schema/commands.ts). The type is looked
 * up first, so an unknown one is `unknown_type` and a known one gets the problem of its own fields,
 * not a union's; the correlation id is echoed only once it is itself valid.
 */
export function checkCommand(value: unknown): ParsedFrame {
  const bad = (message: string, id?: string): ParsedFrame => ({ ok: false, error: { code: 'bad_request', message }, id });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('A frame must be a JSON object.');
  const frame = value as Record<string, unknown>;
  const id = problemWith(Id, frame.id, 'id') === null ? (frame.id as string) : undefined;
  if (typeof frame.type !== 'string') return bad('A frame needs a string "type".', id);
  // Object.hasOwn, not `in`: "constructor" or "__proto__" are not command types.
  if (!Object.hasOwn(CommandSchemas, frame.type)) {
    return { ok: false, error: { code: 'unknown_type', message: `Unknown frame type "${frame.type.slice(0, 64)}".` }, id };
  }
  const schema = CommandSchemas[frame.type as keyof typeof CommandSchemas];
  const problem = problemWith(schema, frame, frame.type);
  return problem === null ? { ok: true, command: frame as ClientCommand } : bad(problem, id);
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
