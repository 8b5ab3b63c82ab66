// Brotli and gzip copies of every text asset, made once at build time at the highest levels (too slow to do
// per request), so the server only picks the file that matches Accept-Encoding (server/http/static.ts).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.map', '.txt']);

/** Writes <file>.br and <file>.gz beside each text file under `dir`; returns their sizes. */
export async function precompress(dir) {
  const sizes = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name))) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const raw = await readFile(file);
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = gzipSync(raw, { level: 9 });
    // A copy that is not smaller is not worth a header: the server then sends the file as it is.
    if (br.length < raw.length) await writeFile(file + '.br', br);
    if (gz.length < raw.length) await writeFile(file + '.gz', gz);
    sizes.push({ file, raw: raw.length, br: br.length, gzip: gz.length });
  }
  return sizes;
}
