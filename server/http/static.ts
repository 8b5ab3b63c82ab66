import { createReadStream, existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import fresh from 'fresh';
import type { Context } from 'hono';
import type { App } from './env.ts';
import { chooseRepresentation, isCompressible } from './static-file.ts';

/**
 * The built UIs: /widget.js and /widget/* from dist/widget (embedded on other origins, so readable
 * cross-origin: the UI is an ES module), /dashboard and /dashboard/* from dist/dashboard with an SPA
 * fallback to index.html. Without a build, they answer 503 JSON saying to run `npm run build`.
 *
 * Caching: content-hashed files (ui.1a2b3c4d5e.js; see scripts/build/chunk-manifest.mjs) never change, so
 * browsers and proxies keep them a year without asking. Files with stable names (the loader, the ESM
 * build, the dashboard's index.html) are kept briefly or revalidated; their ETag makes that a 304.
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The names the build gives content-hashed files: <name>.<10 hex>.<ext>. */
const HASHED_NAME = /\.[0-9a-f]{10}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Mount {
  dir: string;
  /** Cache-Control of the files with stable names. */
  cache: string;
  headers: Record<string, string>;
}

export function registerStatic(app: App, distDir: string): void {
  const widget: Mount = {
    dir: join(distDir, 'widget'),
    // The loader's URL is in every site's snippet: a deploy reaches every site within minutes. A stale
    // copy may still be used (revalidated in the background, or when the server errs) for a week, so a
    // returning visitor gets the launcher, saying it is connecting, while the server is down or restarting.
    cache: 'public, max-age=300, stale-while-revalidate=604800, stale-if-error=604800',
    headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
  };
  const dashboard: Mount = {
    dir: join(distDir, 'dashboard'),
    cache: 'no-cache',
    headers: {
      'X-Frame-Options': 'DENY',
      // Strict: scripts and styles only from the dashboard's own files (no inline anything), so an
      // injected <script> or on* attribute does not run; connect-src 'self' covers /api and /ws.
      'Content-Security-Policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      'Referrer-Policy': 'same-origin',
    },
  };

  app.get('/widget.js', (c) => serveFile(c, widget, 'widget.js', false));
  app.get('/widget/*', (c) => serveFile(c, widget, c.req.path.slice('/widget/'.length), false));
  app.get('/dashboard', (c) => serveFile(c, dashboard, 'index.html', true));
  app.get('/dashboard/*', (c) => serveFile(c, dashboard, c.req.path.slice('/dashboard/'.length), true));
}

async function serveFile(c: Context, mount: Mount, rawPath: string, spaFallback: boolean): Promise<Response> {
  if (!existsSync(mount.dir)) {
    return c.json({ code: 'internal', message: 'The UI is not built yet: run `npm run build` and restart.' }, 503);
  }
  let rel: string;
  try {
    rel = decodeURIComponent(rawPath || 'index.html');
  } catch {
    return notFound(c);
  }
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((s) => s === '..')) return notFound(c);
  // The precompressed copies are served for their originals, never asked for by name.
  if (rel.endsWith('.br') || rel.endsWith('.gz')) return notFound(c);
  const root = resolve(mount.dir);
  let file = resolve(root, rel);
  if (!file.startsWith(root + sep)) return notFound(c);
  const accept = c.req.header('accept-encoding');
  const type = (f: string) => TYPES[extname(f).toLowerCase()] ?? 'application/octet-stream';
  let rep = await chooseRepresentation(file, type(file), accept);
  if (!rep && spaFallback && !extname(rel)) {
    file = join(root, 'index.html');
    rep = await chooseRepresentation(file, type(file), accept);
  }
  if (!rep) return notFound(c);

  const contentType = type(file);
  const headers: Record<string, string> = {
    ...mount.headers,
    'Content-Type': contentType,
    'Cache-Control': HASHED_NAME.test(file) ? IMMUTABLE : mount.cache,
    'X-Content-Type-Options': 'nosniff',
    // No Last-Modified: a packed release stamps every file with the same date (npm pack does), so only the
    // content hash tells two builds apart.
    ETag: rep.etag,
  };
  // On every answer for a compressible file, compressed or not, so a shared cache keeps one copy per encoding.
  if (isCompressible(contentType)) headers.Vary = 'Accept-Encoding';
  if (fresh({ 'if-none-match': c.req.header('if-none-match') }, { etag: rep.etag })) {
    return c.body(null, 304, headers);
  }
  if (rep.encoding) headers['Content-Encoding'] = rep.encoding;
  headers['Content-Length'] = String(rep.size);
  return c.body(Readable.toWeb(createReadStream(rep.path)) as ReadableStream<Uint8Array>, 200, headers);
}

const notFound = (c: Context) => c.json({ code: 'not_found', message: `No file at ${c.req.path}.` }, 404);
