import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsoleMessage, Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 85: consent mode (issue 20). On a page whose snippet says data-require-consent, the widget
 * requests nothing but widget.js and stores nothing (localStorage, cookies, IndexedDB) until the visitor
 * opens the chat or the page calls Parley('consent', true); Parley('consent', false) forgets everything.
 * A site whose privacy setting asks for consent gets no visitor even from a snippet without the flag.
 */
const { stack, page } = useStack();

/** Every request the page makes to the Parley server, by path (the page itself comes from the examples server). */
function parleyRequests(p: Page): string[] {
  const seen: string[] = [];
  p.on('request', (r) => {
    if (r.url().startsWith(stack.parleyUrl)) seen.push(new URL(r.url()).pathname);
  });
  p.on('websocket', (ws) => {
    if (ws.url().includes(new URL(stack.parleyUrl).host)) seen.push('ws ' + new URL(ws.url()).pathname);
  });
  return seen;
}

/** What the widget could have stored in this browser: localStorage keys, cookies, IndexedDB databases. */
async function stored(p: Page): Promise<{ localStorage: string[]; cookies: number; indexedDB: string[] }> {
  const inPage = await p.evaluate(async () => ({
    localStorage: Object.keys(localStorage).sort(),
    indexedDB: (await indexedDB.databases()).map((d) => d.name || ''),
  }));
  return { ...inPage, cookies: (await p.context().cookies()).length };
}

/**
 * Until the browser has been idle twice after widget.js ran: by then an ordinary widget has asked for its
 * UI (the loader asks on the first idle callback, which runs before these two).
 */
async function afterIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => (window as unknown as { Parley?: { v?: number } }).Parley?.v === 1);
  await p.evaluate(() => new Promise<void>((r) => requestIdleCallback(() => requestIdleCallback(() => r(), { timeout: 5000 }), { timeout: 5000 })));
}

const NOTHING = { localStorage: [], cookies: 0, indexedDB: [] };

test('before consent only widget.js is loaded and nothing is stored; the page consents, then withdraws and everything is forgotten', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const requests = parleyRequests(v);
  await v.goto(stack.fixture('consent.html'));
  const w = widget(v);
  await w.launcher.waitFor({ state: 'visible' });
  await afterIdle(v);
  assert.deepEqual(requests, ['/widget.js'], 'nothing but the loader');
  assert.deepEqual(await stored(v), NOTHING);

  await v.locator('#accept').click();
  await waitConnected(v);
  assert.ok(requests.some((r) => /^\/widget\/ui\.[0-9a-f]+\.js$/.test(r)), 'the UI loads once the visitor consented');
  assert.ok(requests.includes('/api/v1/visitor/session') && requests.includes('ws /ws'), requests.join(', '));
  const prefix = `parley:${stack.siteKey}:`;
  const keys = (await stored(v)).localStorage;
  assert.ok(keys.includes(prefix + 'consent') && keys.includes(prefix + 'token'), keys.join(', '));
  await openWidget(v);
  await sendFromWidget(v, 'Consent given, question asked');
  await widgetShows(v, ['Consent given, question asked']);

  const before = requests.length;
  await v.locator('#withdraw').click();
  await eventually(async () => assert.deepEqual(await stored(v), NOTHING, 'every key of the widget is gone'));
  await w.panel.waitFor({ state: 'detached' });
  await w.launcher.waitFor({ state: 'visible' });
  await afterIdle(v);
  assert.deepEqual(requests.slice(before), [], 'and it waits for consent again');
  assert.deepEqual(await stored(v), NOTHING);
  assert.deepEqual(errors, []);
});

test('opening the launcher is consent: the chat works and a reload remembers it', async () => {
  const v = await page();
  const requests = parleyRequests(v);
  await v.goto(stack.fixture('consent.html'));
  await widget(v).launcher.waitFor({ state: 'visible' });
  await afterIdle(v);
  assert.deepEqual(requests, ['/widget.js']);
  await openWidget(v);
  await sendFromWidget(v, 'Opened it myself');
  await widgetShows(v, ['Opened it myself']);
  await v.reload();
  await waitConnected(v);
  await openWidget(v);
  await widgetShows(v, ['Opened it myself']);
});

test('a site asking for consent creates no visitor even from a snippet without the flag; the console tells the owner', async () => {
  const settings = stack.site.settings;
  await stack.server.store.updateSite(stack.site.id, { settings: { ...settings, requireConsent: true } });
  try {
    const v = await page();
    const errors: string[] = [];
    v.on('console', (m: ConsoleMessage) => void (m.type() === 'error' && errors.push(m.text())));
    const refused = v.waitForResponse((r) => r.url().endsWith('/api/v1/visitor/session'));
    await v.goto(stack.fixture('widget-lab.html'));
    assert.equal((await refused).status(), 403);
    await eventually(() => assert.ok(errors.some((e) => e.includes('data-require-consent')), errors.join('\n')));
    assert.deepEqual(await stored(v), NOTHING, 'the refused session stored nothing');
    await openWidget(v);
    await sendFromWidget(v, 'Consent by opening');
    await widgetShows(v, ['Consent by opening']);
  } finally {
    await stack.server.store.updateSite(stack.site.id, { settings });
  }
});
