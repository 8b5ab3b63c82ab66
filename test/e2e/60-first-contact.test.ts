import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsoleMessage, Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { dashboard, loginDashboard, openConversation } from './support/dashboard.ts';
import { startStack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';
import { hostEvents, staffApi, staffSocket, type StaffApi } from './support/widget-extra.ts';

/**
 * Scenario 60: what a new site owner, visitor and agent meet first (issue 12, points 1-4, and the
 * honest connection state of issue 14): embed mistakes explained in the console (the visitor gets a
 * neutral line), a queued 'update' before load reaching staff, the pre-chat form only before a first
 * chat and confirmed, search hits and the status filter agreeing, and never "We're online" or a green
 * "Online now" while a side's own connection is down.
 */
const { stack, page } = useStack(() => startStack());

const lab = (query = '') => stack.fixture('widget-lab.html') + query;
const boot = (opts: Record<string, unknown>) => '?boot=' + encodeURIComponent(JSON.stringify(opts));

let api: StaffApi;
const staff = async () => (api ??= await staffApi(stack.parleyUrl, stack.agents.a));

function consoleErrors(p: Page): string[] {
  const lines: string[] = [];
  p.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') lines.push(m.text());
  });
  return lines;
}

async function bannerOf(v: Page): Promise<{ text: string; problem: string | null; reconnect: number }> {
  const w = widget(v);
  return {
    text: (await w.offline.innerText()).trim(),
    problem: await w.offline.getAttribute('data-problem'),
    reconnect: await v.locator('[data-testid="parley-reconnect"]').count(),
  };
}

test('embed mistakes: the console names the problem and the fix, the visitor gets a neutral line', async () => {
  // A site key no site has.
  const v = await page();
  const errors = watchErrors(v);
  const logged = consoleErrors(v);
  await v.goto(lab(boot({ siteKey: 'pk_not_a_real_key' })));
  await widget(v).launcher.click();
  await eventually(async () => assert.equal((await bannerOf(v)).problem, 'embed'));
  const unknownKey = await bannerOf(v);
  assert.equal(unknownKey.text, "Chat isn't available on this page.");
  assert.equal(unknownKey.reconnect, 0, 'retrying cannot fix an embed mistake');
  const keyLine = await eventually(() => {
    const line = logged.find((l) => l.startsWith('Parley:'));
    assert.ok(line, `a console error from Parley (got ${JSON.stringify(logged)})`);
    return line;
  });
  assert.match(keyLine, /pk_not_a_real_key/, 'names the unknown key');
  assert.match(keyLine, /data-site/, 'says where the key comes from');
  assert.doesNotMatch(await v.locator('parley-widget').innerText(), /verify your account/);

  // A site that does not list this page's origin.
  const other = await stack.server.store.createSite({
    name: 'Elsewhere Ltd',
    allowedOrigins: ['https://shop.elsewhere.example'],
    identitySecret: 'elsewhere-identity-secret-0123456789abcdef',
    settings: {},
  });
  const v2 = await page();
  const errors2 = watchErrors(v2);
  const logged2 = consoleErrors(v2);
  await v2.goto(lab(boot({ siteKey: other.key })));
  await widget(v2).launcher.click();
  await eventually(async () => assert.equal((await bannerOf(v2)).problem, 'embed'));
  assert.equal((await bannerOf(v2)).text, "Chat isn't available on this page.");
  const origin = new URL(stack.examples.url).origin;
  const originLine = await eventually(() => {
    const line = logged2.find((l) => l.startsWith('Parley:'));
    assert.ok(line, `a console error from Parley (got ${JSON.stringify(logged2)})`);
    return line;
  });
  assert.ok(originLine.includes(origin), `names the page's origin ${origin}: ${originLine}`);
  assert.match(originLine, /allowed origins/);
  assert.ok(originLine.includes(`site origins add --site ${other.key} --origin ${origin}`), 'gives the command that fixes it');
  // The header claims nothing.
  assert.equal(await widget(v2).panel.locator('[data-testid="parley-availability"]').innerText(), '');
  assert.deepEqual([...errors, ...errors2], []);
});

test("a queued Parley('update', { attributes }) made before the widget loads reaches staff", async () => {
  const s = await staff();
  const v = await page();
  const errors = watchErrors(v);
  // The stub queue exists before widget.js: the page queues the update right after the snippet.
  await v.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { Parley: (...a: unknown[]) => void }).Parley('update', { attributes: { plan: 'pro', seats: 12 } });
    });
  });
  await v.goto(lab(boot({ attributes: { source: 'boot' } })));
  await openWidget(v);
  await sendFromWidget(v, 'Do pro plans include priority support?');
  const conv = await s.onlyConversation();
  await eventually(async () => {
    const visitor = await s.visitor(conv.visitor.id);
    assert.deepEqual(visitor.context?.attributes, { source: 'boot', plan: 'pro', seats: 12 });
  });
  const ready = (await hostEvents(v)).find((e) => e.name === 'ready');
  assert.equal(ready?.data.visitorId, conv.visitor.id);
  assert.deepEqual(errors, []);
});

test('pre-chat email: never over an existing chat; a new visitor is asked once and gets a confirmation', async () => {
  const s = await staff();
  const siteId = stack.site.id;
  const settings = (await s.call<{ site: { settings: Record<string, unknown> } }>(`/api/v1/admin/sites/${siteId}`)).site.settings;
  // A visitor chats before the site turns the form on.
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(lab());
  await openWidget(v);
  await sendFromWidget(v, 'Is the Trail 2 tent waterproof?');
  await widgetShows(v, ['Is the Trail 2 tent waterproof?']);
  await s.call(`/api/v1/admin/sites/${siteId}`, { method: 'PATCH', body: { settings: { ...settings, preChatEmail: true } } });
  try {
    await v.reload();
    await openWidget(v);
    await widgetShows(v, ['Is the Trail 2 tent waterproof?']);
    assert.equal(await v.locator('[data-testid="parley-prechat"]').count(), 0, 'no form over the existing conversation');
    await widget(v).input.waitFor({ state: 'visible' });

    // A new visitor: the form first, then a confirmation naming the address, then the composer.
    const n = await page();
    const errorsN = watchErrors(n);
    await n.goto(lab());
    await widget(n).launcher.click();
    await n.locator('[data-testid="parley-email"]').fill('walker@example.org');
    await n.locator('[data-testid="parley-email-submit"]').click();
    const thanks = n.locator('[data-testid="parley-email-thanks"]');
    await eventually(async () => assert.equal(await thanks.innerText(), "Thanks! We'll also answer at walker@example.org."));
    assert.equal(await thanks.getAttribute('role'), 'status', 'announced to screen readers');
    assert.deepEqual(await seriousA11yViolations(n, 'parley-widget'), [], 'axe: the confirmation');
    await widget(n).input.waitFor({ state: 'visible' });
    await waitConnected(n);
    await sendFromWidget(n, 'Hello from the trail');
    await widgetShows(n, ['Hello from the trail']);
    await thanks.waitFor({ state: 'detached' });
    assert.deepEqual([...errors, ...errorsN], []);
  } finally {
    await s.call(`/api/v1/admin/sites/${siteId}`, { method: 'PATCH', body: { settings } });
  }
});

test('search: when the status filter hides the conversation a hit is in, the inbox says so instead of "no conversation mentions"', async () => {
  const s = await staff();
  const v = await page();
  await v.goto(lab());
  await openWidget(v);
  await sendFromWidget(v, 'My order 4411 never arrived');
  await sendFromWidget(v, 'Order 4411 again: any news?');
  await widgetShows(v, ['My order 4411 never arrived', 'Order 4411 again: any news?']);
  const conv = await eventually(async () => {
    const c = (await s.conversations()).find((x) => x.lastMessage?.text?.includes('4411'));
    assert.ok(c);
    return c;
  });
  await s.call(`/api/v1/conversations/${conv.id}`, { method: 'PATCH', body: { status: 'resolved' } });

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.locator('[data-testid="view-all"]').click();
  await a.locator('[data-testid="status-filter"]').selectOption('open');
  await a.locator('[data-testid="inbox-search"]').fill('4411');
  const hits = a.locator('[data-testid="search-hit"]');
  await eventually(async () => assert.equal(await hits.count(), 2));
  const empty = a.locator('[data-testid="inbox-empty"]');
  await eventually(async () => assert.match(await empty.innerText(), /filter hides/));
  assert.doesNotMatch(await empty.innerText(), /No conversation mentions/);
  assert.deepEqual(await seriousA11yViolations(a), [], 'axe: hits hidden by the filter');
  // One click shows the conversation the hits are in.
  await a.locator('[data-testid="inbox-show-all"]').click();
  await eventually(async () => assert.equal(await a.locator(`[data-testid="inbox-row"][data-conversation-id="${conv.id}"]`).count(), 1));
  assert.equal(await a.locator('[data-testid="status-filter"]').inputValue(), '');
});

test('a side whose own connection is down claims nothing: the widget says connecting, the dashboard shows presence unknown', async () => {
  const s = await staff();
  const online = await staffSocket(stack.parleyUrl, s.token);
  try {
    const v = await page();
    const errors = watchErrors(v);
    const w = widget(v);
    await v.goto(lab());
    await openWidget(v);
    const availability = w.panel.locator('[data-testid="parley-availability"]');
    await eventually(async () => assert.match(await availability.innerText(), /We're online/));
    await sendFromWidget(v, 'Anyone there?');

    const a = await page();
    await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
    await openConversation(a, 'Anyone there?');
    const convPresence = a.locator('[data-testid="conversation-presence"]');
    await eventually(async () => assert.equal(await convPresence.getAttribute('data-presence'), 'online'));
    assert.equal(await a.locator('[data-testid="visitor-presence"]').getAttribute('data-presence'), 'online');

    // The visitor's network goes: the header stops claiming anyone is online.
    await v.context().setOffline(true);
    await eventually(async () => assert.notEqual(await w.root.getAttribute('data-connection'), 'connected'));
    await eventually(async () => assert.equal(await availability.innerText(), 'Connecting…'));
    assert.equal(await availability.getAttribute('data-availability'), '');
    await eventually(async () => assert.equal((await bannerOf(v)).problem, 'offline'));
    assert.match((await bannerOf(v)).text, /You're offline/);

    // The agent's network goes: what the dashboard last heard about the visitor may be stale.
    await a.context().setOffline(true);
    await eventually(async () => assert.notEqual(await dashboard(a).connection.getAttribute('data-state'), 'connected'));
    await eventually(async () => assert.equal(await convPresence.getAttribute('data-presence'), 'unknown'));
    assert.equal(await convPresence.innerText(), 'Unknown while reconnecting');
    assert.equal(await a.locator('[data-testid="visitor-presence"]').getAttribute('data-presence'), 'unknown');
    assert.equal(await a.locator('[data-testid="visitor-online"]').count(), 0, 'no green dot in the inbox');
    assert.deepEqual(await seriousA11yViolations(a), [], 'axe: presence unknown');
    assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), [], 'axe: the offline widget');

    // Both back: real state again.
    await v.context().setOffline(false);
    await a.context().setOffline(false);
    await waitConnected(v);
    await eventually(async () => assert.match(await availability.innerText(), /We're online/));
    await eventually(async () => assert.equal(await convPresence.getAttribute('data-presence'), 'online'));
    assert.deepEqual(errors, []);
  } finally {
    await online.close();
  }
});
