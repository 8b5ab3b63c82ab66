import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ms } from '../lib/format.ts';
import { firstVisibleMs, launchChromium, median, probeFirstVisible } from '../lib/browser.ts';
import { withTarget, type RunContext } from './context.ts';

/**
 * The widget: gzipped bytes of the loader (widget.js) and of everything it loads (ui.js and any
 * chunks), and the time from navigation start to the launcher being on screen, on a host page at
 * the site's allowed origin with the real Parley server serving /widget.js. Cold cache every load.
 */
const DIST = new URL('../../dist/widget/', import.meta.url).pathname;

export interface WidgetResult {
  skipped?: string;
  loaderGzipBytes?: number;
  uiGzipBytes?: number;
  files?: { name: string; bytes: number; gzipBytes: number }[];
  launcherMs?: number[];
  launcherMedianMs?: number;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function runWidget(ctx: RunContext): Promise<WidgetResult> {
  if (!existsSync(join(DIST, 'widget.js'))) return { skipped: 'dist/widget/widget.js not built (run `npm run build`)' };
  const files = readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, bytes: readFileSync(join(DIST, name)).length, gzipBytes: gz(join(DIST, name)) }));
  const loaderGzipBytes = files.find((f) => f.name === 'widget.js')!.gzipBytes;
  // Everything the loader can pull in; *.esm.js is the npm build for bundlers, never loaded by widget.js.
  const uiGzipBytes = files.filter((f) => !f.name.endsWith('.esm.js')).reduce((s, f) => s + f.gzipBytes, 0);
  if (!ctx.targets.includes('parley')) return { loaderGzipBytes, uiGzipBytes, files };

  const launcherMs = await withTarget('parley', async (t) => {
    // The host page: a loopback origin the site allows (http://localhost:*), its own tiny server.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
      <body><h1>A host page</h1><p>Some content.</p>
      <script async src="${t.info.baseUrl}/widget.js" data-site="${t.info.siteKey}"></script></body></html>`;
    const hostServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((r) => hostServer.listen(0, '127.0.0.1', r));
    const hostUrl = `http://localhost:${(hostServer.address() as AddressInfo).port}/`;
    const browser = await launchChromium();
    try {
      const runs: number[] = [];
      for (let i = 0; i < (ctx.quick ? 3 : 7); i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await probeFirstVisible(page, '[data-testid="parley-launcher"]');
        await page.goto(hostUrl);
        runs.push(await firstVisibleMs(page));
        await context.close();
      }
      return runs;
    } finally {
      await browser.close();
      hostServer.close();
    }
  });
  const r = { loaderGzipBytes, uiGzipBytes, files, launcherMs, launcherMedianMs: median(launcherMs) };
  ctx.log(`widget: loader ${loaderGzipBytes} B gz, all ${uiGzipBytes} B gz, launcher visible after ${ms(r.launcherMedianMs)} ms (median)`);
  return r;
}
