import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { App } from './env.ts';

/**
 * The built UIs: /widget.js and /widget/* from dist/widget (embedded on other origins, so readable
 * cross-origin: ui.js is loaded as a module), /dashboard and /dashboard/* from dist/dashboard with an
 * SPA fallback to index.html. Without a build, they answer 503 JSON saying to run `npm run build`.
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

interface Mount {
  dir: string;
  cache: string;
  headers: Record<string, string>;
}

export function registerStatic(app: App, distDir: string): void {
  const widget: Mount = {
    dir: join(distDir, 'widget'),
    // Not content-hashed, so a short cache: a deploy reaches every site within minutes.
    cache: 'public, max-age=300',
    headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
  };
  const dashboard: Mount = {
    dir: join(distDir, 'dashboard'),
    cache: 'no-cache',
    headers: {
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
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
  const root = resolve(mount.dir);
  let file = resolve(root, rel);
  if (!file.startsWith(root + sep)) return notFound(c);
  let info = await stat(file).catch(() => null);
  if ((!info || !info.isFile()) && spaFallback && !extname(rel)) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) return notFound(c);

  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    ...mount.headers,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': mount.cache,
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  headers['Content-Length'] = String(info.size);
  return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, 200, headers);
}

const notFound = (c: Context) => c.json({ code: 'not_found', message: `No file at ${c.req.path}.` }, 404);
