import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import Negotiator from 'negotiator';

/**
 * One built file as the server can send it: the plain bytes, or the brotli / gzip copy the build wrote
 * beside it (scripts/build/precompress.mjs), whichever the request's Accept-Encoding prefers. Each copy has
 * its own strong ETag, from a hash of the plain content (so it changes when, and only when, the file does).
 */
export interface Representation {
  path: string;
  size: number;
  /** Absent for the plain file. */
  encoding?: 'br' | 'gzip';
  etag: string;
}

const SUFFIX = { br: '.br', gzip: '.gz' } as const;
/** negotiator 1.x takes the tie-break order; @types/negotiator still describes 0.6. */
interface PreferringNegotiator {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
}
/** Types the build compresses; a request for one of these varies by Accept-Encoding. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;

export const isCompressible = (contentType: string) => COMPRESSIBLE.test(contentType);

interface Known {
  mtimeMs: number;
  size: number;
  hash: string;
  encodings: ('br' | 'gzip')[];
}
/** Per file: its content hash and which copies exist, until its mtime or size changes (a rebuild). */
const known = new Map<string, Known>();

async function describe(path: string, mtimeMs: number, size: number): Promise<Known> {
  const cached = known.get(path);
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached;
  const hash = createHash('sha256').update(await readFile(path)).digest('base64url').slice(0, 22);
  const encodings: Known['encodings'] = [];
  for (const enc of ['br', 'gzip'] as const) {
    // A copy older than its file is stale (the file was replaced by hand): better not sent at all.
    const copy = await stat(path + SUFFIX[enc]).catch(() => null);
    if (copy?.isFile() && copy.mtimeMs >= mtimeMs) encodings.push(enc);
  }
  const entry = { mtimeMs, size, hash, encodings };
  known.set(path, entry);
  return entry;
}

/** The copy of `path` to send for these request headers; null when the file is not there. */
export async function chooseRepresentation(path: string, contentType: string, acceptEncoding: string | undefined): Promise<Representation | null> {
  const info = await stat(path).catch(() => null);
  if (!info || !info.isFile()) return null;
  const file = await describe(path, info.mtimeMs, info.size);
  const plain: Representation = { path, size: info.size, etag: `"${file.hash}"` };
  if (!isCompressible(contentType) || file.encodings.length === 0) return plain;
  const offered = [...file.encodings, 'identity'];
  // Ties go to the order offered: brotli, then gzip, then the plain file. Nothing acceptable: plain.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as Negotiator & PreferringNegotiator;
  const picked = negotiator.encoding(offered, { preferred: offered });
  if (picked !== 'br' && picked !== 'gzip') return plain;
  const copy = await stat(path + SUFFIX[picked]).catch(() => null);
  if (!copy) return plain; // removed since it was described: the plain file is always right
  return { path: path + SUFFIX[picked], size: copy.size, encoding: picked, etag: `"${file.hash}-${picked}"` };
}
