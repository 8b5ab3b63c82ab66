import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
  /** A web stream of the stored bytes. */
  read(storagePath: string): ReadableStream<Uint8Array>;
  remove(storagePath: string): Promise<void>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

export function createAttachmentStorage(dataDir: string): AttachmentStorage {
  const root = resolve(dataDir);
  const inside = (storagePath: string) => {
    const full = resolve(root, storagePath);
    if (!full.startsWith(root + sep)) throw new Error(`Attachment path escapes the data dir: ${storagePath}`);
    return full;
  };
  return {
    async write(siteId, id, bytes) {
      if (!SAFE_SEGMENT.test(siteId) || !SAFE_SEGMENT.test(id)) throw new Error('Unsafe attachment path segment.');
      const dir = join(root, 'attachments', siteId);
      await mkdir(dir, { recursive: true });
      const final = join(dir, id);
      const tmp = join(dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
        await rename(tmp, final);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return relative(root, final).split(sep).join('/');
    },
    read(storagePath) {
      return Readable.toWeb(createReadStream(inside(storagePath))) as ReadableStream<Uint8Array>;
    },
    async remove(storagePath) {
      await rm(inside(storagePath), { force: true });
    },
  };
}
