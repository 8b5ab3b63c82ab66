import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from '../server/net/listen.ts';
import { DIST_DIR } from '../server/paths.ts';
import { createIdentifiedSite } from './identified/backend.ts';

/**
 * Serves the example pages on their own port, so the widget is embedded cross-origin exactly as on a
 * customer's site. HTML files are templates: {{PARLEY_URL}} and {{SITE_KEY}} are filled in per request.
 */
export interface ExamplesOptions {
  parleyUrl: string;
  siteKey: string;
  identitySecret: string;
  port: number;
  host?: string;
  /** Where the pages are: this folder by default; the built server passes the package's examples/. */
  pagesDir?: string;
  /** Extra static folders (URL prefix -> directory), e.g. test fixtures. */
  extraRoots?: Record<string, string>;
}

export interface ExamplesServer {
  url: string;
  port: number;
  /** react: only once `npm run example:react` has built it. */
  pages: { anonymous: string; identified: string; spa: string; react?: string };
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const REACT_BUILD = join(DIST_DIR, 'examples', 'react');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startExamples(opts: ExamplesOptions): Promise<ExamplesServer> {
  const identified = createIdentifiedSite({ siteKey: opts.siteKey, identitySecret: opts.identitySecret });
  const roots: [string, string][] = [
    ...Object.entries(opts.extraRoots ?? {}).map(([p, d]) => [p, resolve(d)] as [string, string]),
    // The React example's bundle (examples/react/build.ts); its index.html is in this folder.
    ['/react/', REACT_BUILD],
    ['/', resolve(opts.pagesDir ?? here)],
  ];
  const fill = (html: string) =>
    html.replaceAll('{{PARLEY_URL}}', opts.parleyUrl.replace(/\/$/, '')).replaceAll('{{SITE_KEY}}', opts.siteKey);

  async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    for (const [prefix, dir] of roots) {
      if (!path.startsWith(prefix)) continue;
      let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      if (rel === '' || rel.endsWith('/') || rel === '.') rel = join(rel, 'index.html');
      const file = join(dir, rel);
      if (!file.startsWith(dir) || /\.tsx?$/.test(file)) return false; // never serve source or escape the root
      try {
        const body = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(type.startsWith('text/html') ? fill(body.toString('utf8')) : body);
        return true;
      } catch {
        continue;
      }
    }
    return false;
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/identified/api/') && (await identified.handle(req, res, url))) return;
      if (url.pathname.match(/^\/(anonymous|identified|spa|react)$/)) {
        res.writeHead(301, { location: url.pathname + '/' }).end();
        return;
      }
      if (await serveStatic(req, res, url.pathname)) return;
      // The single-page app routes on the client: every unknown /spa/ path is its index.html.
      if (url.pathname.startsWith('/spa/') && (await serveStatic(req, res, '/spa/'))) return;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Example server error');
    }
  });
  const port = await listen(server, { port: opts.port, host: opts.host ?? '127.0.0.1', setting: 'PARLEY_EXAMPLES_PORT' });
  // 127.0.0.1 vs localhost: a different host than the dashboard's localhost keeps the widget cross-origin.
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pages: {
      anonymous: `${url}/anonymous/`,
      identified: `${url}/identified/`,
      spa: `${url}/spa/`,
      ...(existsSync(join(REACT_BUILD, 'app.js')) ? { react: `${url}/react/` } : {}),
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
