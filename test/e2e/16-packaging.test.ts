import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Response } from 'playwright-core';
import { DIST_DIR } from '../../server/paths.ts';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { openWidget } from './support/widget.ts';

/**
 * Scenario 16: what a browser downloads. Chromium loads the widget on a customer's page and the dashboard;
 * every built file arrives brotli-compressed, content-hashed chunks are cached for a year, files with stable
 * names (the loader, the ESM build, the dashboard's page) briefly; and every chunk the build wrote (lazy ones
 * a visit did not need included) is served the same way.
 */
const { stack, page } = useStack();
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED = /\.[0-9a-f]{10}\.(js|css)$/;

function expectBuiltFile(r: Response, stable: string): void {
  const url = new URL(r.url());
  const h = r.headers();
  assert.equal(r.status(), 200, url.pathname);
  assert.equal(h['content-encoding'], 'br', `${url.pathname} is sent brotli-compressed`);
  assert.equal(h['vary'], 'Accept-Encoding', url.pathname);
  assert.match(h['etag'] ?? '', /^"[\w-]+-br"$/, url.pathname);
  assert.equal(h['cache-control'], HASHED.test(url.pathname) ? IMMUTABLE : stable, url.pathname);
}

test('the widget and dashboard files arrive compressed, hashed chunks cached for a year', async () => {
  const v = await page();
  const loaded: Response[] = [];
  v.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.url().startsWith(stack.parleyUrl) && (path === '/widget.js' || path.startsWith('/widget/'))) loaded.push(r);
  });
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const names = loaded.map((r) => new URL(r.url()).pathname);
  assert.ok(names.includes('/widget.js'), names.join(', '));
  assert.ok(names.some((n) => /^\/widget\/ui\.[0-9a-f]{10}\.js$/.test(n)), `the loader fetched the hashed UI: ${names.join(', ')}`);
  for (const r of loaded) {
    expectBuiltFile(r, 'public, max-age=300');
    assert.equal(r.headers()['access-control-allow-origin'], '*', 'readable by the customer\'s page');
  }

  const a = await page();
  const dashboardFiles: Response[] = [];
  a.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/dashboard')) dashboardFiles.push(r);
  });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const kinds = dashboardFiles.map((r) => r.headers()['content-type']?.split(';')[0]);
  for (const kind of ['text/html', 'text/javascript', 'text/css']) assert.ok(kinds.includes(kind), `the dashboard loaded its ${kind}`);
  for (const r of dashboardFiles) expectBuiltFile(r, 'no-cache');

  // Every file of the build, fetched by Chromium itself, whether or not this visit needed it.
  for (const [mount, dir, stable] of [['/widget/', 'widget', 'public, max-age=300'], ['/dashboard/', 'dashboard', 'no-cache']] as const) {
    const files = readdirSync(join(DIST_DIR, dir)).filter((f) => /\.(js|css|html)$/.test(f));
    assert.ok(files.some((f) => HASHED.test(f)), `dist/${dir} has hashed chunks`);
    for (const file of files) {
      const r = await v.goto(`${stack.parleyUrl}${mount}${file}`);
      expectBuiltFile(r!, stable);
    }
  }
});
