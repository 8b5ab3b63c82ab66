import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Response } from 'playwright-core';
import { buildReactExample } from '../../examples/react/build.ts';
import { DIST_DIR } from '../../server/paths.ts';
import { watchErrors } from './support/browser.ts';
import { dashboardShows, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 16: Parley as it is shipped.
 * 1. What a browser downloads. Chromium loads the widget on a customer's page and the dashboard; every built
 *    file arrives brotli-compressed, content-hashed chunks are cached for a year, files with stable names
 *    (the loader, the ESM build, the dashboard's page) briefly; and every chunk the build wrote (lazy ones a
 *    visit did not need included) is served the same way.
 * 2. The npm packages. The React example app is built from the packed @parley/react and @parley/widget, and
 *    its own header button follows the widget: open and closed, and the unread count of a staff reply.
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

/** Stable widget names: fresh 5 minutes; a stale copy serves returning visitors through an outage (server/http/static.ts). */
const WIDGET_STABLE = 'public, max-age=300, stale-while-revalidate=604800, stale-if-error=604800';

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
    expectBuiltFile(r, WIDGET_STABLE);
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
  for (const [mount, dir, stable] of [['/widget/', 'widget', WIDGET_STABLE], ['/dashboard/', 'dashboard', 'no-cache']] as const) {
    const files = readdirSync(join(DIST_DIR, dir)).filter((f) => /\.(js|css|html)$/.test(f));
    assert.ok(files.some((f) => HASHED.test(f)), `dist/${dir} has hashed chunks`);
    for (const file of files) {
      const r = await v.goto(`${stack.parleyUrl}${mount}${file}`);
      expectBuiltFile(r!, stable);
    }
  }
});

test('a React app built from the packed @parley/react: its button opens and closes the chat and shows the unread count', async () => {
  const built = await buildReactExample();
  console.log(`react example: ${built.tarballs.join(', ')} packed, installed and bundled in ${(built.ms / 1000).toFixed(1)} s`);
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(`${stack.examples.url}/react/`);
  const chat = v.getByTestId('app-chat');
  const w = widget(v);
  await v.getByText('Chat connected').waitFor(); // useParley().visitorId, from the widget's ready event
  assert.equal(await w.launcher.count(), 0, 'hideLauncher: the app\'s own button is the way in');

  await chat.click();
  await w.panel.waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(await chat.getAttribute('aria-pressed'), 'true'));
  assert.equal(await chat.innerText(), 'Close chat');
  const question = 'Do you ship to Norway?';
  await sendFromWidget(v, question);
  await chat.click();
  await w.panel.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal(await chat.getAttribute('aria-pressed'), 'false'));

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, question);
  await dashboardShows(a, [question]);
  const answer = 'We do, in 3 days.';
  await reply(a, answer);

  const unread = v.getByTestId('app-unread');
  await unread.waitFor();
  assert.equal((await unread.innerText()).trim(), '1');
  await chat.click();
  await widgetShows(v, [question, answer]);
  await unread.waitFor({ state: 'detached' }); // read once the panel shows it
  assert.deepEqual(errors, []);
});
