import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Attachment bytes live on disk under <dataDir>/attachments/<siteId>/<attachmentId>; the Store keeps
 * only the path relative to the data dir. Writes go to a temp file in the same directory and are
 * renamed into place, so a crash never leaves a half-written file under a real id.
 */
export interface AttachmentStorage {
  /** Writes the bytes and returns the path relative to the data dir. */
  write(siteId: string, id: string, bytes: Uint8Array): Promise<string>;
  /** A file written as its bytes arrive (an upload streamed to disk); nothing is at its path until commit. */
  create(siteId: string, id: string): Promise<PendingFile>;
  /** A web stream of the stored bytes. */
  read(storagePath: string): ReadableStream<Uint8Array>;
  remove(storagePath: string): Promise<void>;
}

export interface PendingFile {
  /** Resolves once the chunk is handed to the file (waits while the disk is slower than the sender). */
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes, moves the file into place and returns its path relative to the data dir. */
  commit(): Promise<string>;
  /** Deletes what was written; safe to call more than once and after a failed write. */
  abort(): Promise<void>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

export function createAttachmentStorage(dataDir: string): AttachmentStorage {
  const root = resolve(dataDir);
  const inside = (storagePath: string) => {
    const full = resolve(root, storagePath);
    if (!full.startsWith(root + sep)) throw new Error(`Attachment path escapes the data dir: ${storagePath}`);
    return full;
  };
  async function create(siteId: string, id: string): Promise<PendingFile> {
    if (!SAFE_SEGMENT.test(siteId) || !SAFE_SEGMENT.test(id)) throw new Error('Unsafe attachment path segment.');
    const dir = join(root, 'attachments', siteId);
    await mkdir(dir, { recursive: true });
    const final = join(dir, id);
    const tmp = join(dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const stream = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    await new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', fail));
    return pendingFile(stream, tmp, () => relative(root, final).split(sep).join('/'), final);
  }
  return {
    async write(siteId, id, bytes) {
      const file = await create(siteId, id);
      try {
        await file.write(bytes);
        return await file.commit();
      } catch (err) {
        await file.abort();
        throw err;
      }
    },
    create,
    read(storagePath) {
      return Readable.toWeb(createReadStream(inside(storagePath))) as ReadableStream<Uint8Array>;
    },
    async remove(storagePath) {
      await rm(inside(storagePath), { force: true });
    },
  };
}

function pendingFile(stream: WriteStream, tmp: string, relativePath: () => string, final: string): PendingFile {
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure ??= err;
  });
  const closed = () => new Promise<void>((ok) => (stream.closed ? ok() : stream.once('close', () => ok())));
  return {
    async write(chunk) {
      if (failure) throw failure;
      // Backpressure: past the stream's small buffer, wait for the disk before taking the next chunk.
      if (!stream.write(chunk)) {
        await new Promise<void>((ok) => {
          const done = () => {
            stream.off('drain', done).off('error', done);
            ok();
          };
          stream.on('drain', done).on('error', done);
        });
      }
      if (failure) throw failure;
    },
    async commit() {
      await new Promise<void>((ok, fail) => stream.end(() => (failure ? fail(failure) : ok())));
      if (failure) throw failure;
      await rename(tmp, final);
      return relativePath();
    },
    async abort() {
      if (!stream.destroyed) stream.destroy();
      await closed();
      await rm(tmp, { force: true });
    },
  };
}
