import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { AttachmentType } from '../../protocol/index.ts';
import { fail, ParleyError } from '../errors.ts';
import { createSniffer } from './sniff.ts';
import type { PendingFile } from './storage.ts';

/**
 * Reads an upload form (multipart/form-data with one `file` and an optional `conversationId`) as it
 * arrives: the file's bytes go to a PendingFile on disk and through the sniffer, chunk by chunk, so an
 * upload costs the parser's and the file stream's small buffers, whatever its size (busboy: a
 * streaming parser that pauses the request while the disk is behind). Nothing is kept on a refusal.
 */
export interface UploadForm {
  /** The declared name (cleaned later by safeFileName). */
  name: string;
  size: number;
  /** Sniffed from the bytes; null when not an accepted type. */
  type: AttachmentType | null;
  file: PendingFile;
  conversationId: string | null;
}

export interface UploadFormOptions {
  contentType: string;
  maxFileBytes: number;
  /** The whole body (file plus multipart framing and fields): past it the request is cut off. */
  maxBodyBytes: number;
  /** Opens the file the bytes go to (called once the file part starts). */
  open: () => Promise<PendingFile>;
}

export async function readUploadForm(body: ReadableStream<Uint8Array> | null, opts: UploadFormOptions): Promise<UploadForm> {
  if (!body) fail('bad_request', 'file is required (a multipart file field).');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': opts.contentType },
      // Browsers send file names as UTF-8 (busboy's default reads them as Latin-1).
      defParamCharset: 'utf8',
      // busboy marks a file truncated once it reaches fileSize: one byte more tells a file of exactly the limit from a larger one.
      limits: { files: 1, fileSize: opts.maxFileBytes + 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 20 },
    });
  } catch {
    return fail('bad_request', 'Upload with Content-Type multipart/form-data and a "file" field.');
  }
  let received: Promise<Omit<UploadForm, 'conversationId'>> | null = null;
  let conversationId: string | null = null;
  let refusal: ParleyError | null = null;
  // A refusal stops reading the request at once: the rest of a too-large or malformed body is not read.
  const stop = new AbortController();
  const refuse = (err: ParleyError) => {
    refusal ??= err;
    stop.abort();
  };

  parser.on('file', (field, stream, info) => {
    // A part's stream fails with the request (an abort, a refusal); that failure is the pipeline's to report.
    stream.on('error', () => {});
    if (field !== 'file' || received) return void stream.resume();
    received = receiveFile(stream, formFileName(info.filename ?? ''), opts);
    // Seen here too, so a failing disk stops the request at once rather than at its end.
    received.catch((err) => refuse(err instanceof ParleyError ? err : new ParleyError('internal', 'The upload could not be stored.')));
  });
  parser.on('field', (field, value, info) => {
    if (field !== 'conversationId') return;
    if (info.valueTruncated || value.length > 128) refuse(new ParleyError('bad_request', 'conversationId must be a string id.'));
    conversationId = value || null;
  });
  parser.on('filesLimit', () => refuse(new ParleyError('bad_request', 'Send one file per upload.')));
  parser.on('partsLimit', () => refuse(new ParleyError('bad_request', 'The upload form has too many fields.')));

  try {
    const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
    await pipeline(source, atMost(opts.maxBodyBytes), parser, { signal: stop.signal });
  } catch (err) {
    refuse(err instanceof ParleyError ? err : new ParleyError('bad_request', 'The multipart body could not be read.'));
  }
  const file = await (received as Promise<Omit<UploadForm, 'conversationId'>> | null)?.catch(() => null);
  if (refusal || !file) {
    await file?.file.abort();
    if (refusal) throw refusal;
    return fail('bad_request', 'file is required (a multipart file field).');
  }
  return { ...file, conversationId };
}

/** Browsers escape `"`, CR and LF in a form's file name as %22, %0D, %0A (HTML's form encoding): undo just that. */
const formFileName = (raw: string) => raw.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Passes the body through, failing once it passes `max` bytes (a chunked or lying client). */
function atMost(max: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.byteLength;
      if (total > max) fail('payload_too_large', `The upload is larger than the limit of ${max} bytes.`);
      yield chunk;
    }
  };
}

async function receiveFile(stream: Readable & { truncated?: boolean }, name: string, opts: UploadFormOptions): Promise<Omit<UploadForm, 'conversationId'>> {
  const file = await opts.open();
  const sniffer = createSniffer();
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      sniffer.push(chunk);
      await file.write(chunk);
    }
    if (stream.truncated || size > opts.maxFileBytes) fail('payload_too_large', `Files are limited to ${opts.maxFileBytes} bytes.`);
  } catch (err) {
    stream.resume();
    await file.abort();
    throw err;
  }
  return { name, size, type: sniffer.type(), file };
}
