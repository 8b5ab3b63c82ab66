import type { Context } from 'hono';
import { fail } from '../errors.ts';

/**
 * Reads a request body into memory, refusing it with `payload_too_large` as soon as it passes
 * `maxBytes`: first by its Content-Length, then while the bytes arrive (a chunked or lying client
 * cannot make the server buffer more than the limit).
 */
export async function readLimitedBody(c: Context, maxBytes: number, what = 'Request body'): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => fail('payload_too_large', `${what} is larger than the limit of ${maxBytes} bytes.`);
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) tooLarge();
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
