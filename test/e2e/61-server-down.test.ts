import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { startChildStack } from './support/child-stack.ts';
import { dashboard, loginDashboard, openConversation, waitLive } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget } from './support/widget.ts';

/**
 * Scenario 61 (issue 12 point 5, issue 14): the server is down (SIGKILL) while a visitor chats and
 * an agent watches. The widget says it cannot reach the server (never "You're offline": the
 * visitor's network is fine) and never "We're online"; a new page load in the visitor's browser still
 * gets the launcher (widget.js and the UI come from the browser cache) and it says it is connecting;
 * the dashboard marks the visitor's presence unknown. Back up, both reconnect by themselves.
 */
const { stack, page } = useStack(startChildStack);
const RECONNECT_MS = 30_000;

const lab = () => `${stack.examples.url}/fixtures/widget-lab.html`;

async function banner(v: Page) {
  const w = widget(v);
  return { text: (await w.offline.innerText()).trim(), problem: await w.offline.getAttribute('data-problem') };
}

test('server down: the widget says it cannot reach the server and keeps its launcher; both sides come back alone', async () => {
  try {
    await downAndBack();
  } catch (err) {
    console.error(`--- server output ---\n${stack.output()}`);
    throw err;
  }
});

async function downAndBack(): Promise<void> {
  const v = await page();
  const a = await page();
  const errors = [...watchErrors(v), ...watchErrors(a)];
  const w = widget(v);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await v.goto(lab());
  await openWidget(v);
  const availability = w.panel.locator('[data-testid="parley-availability"]');
  await eventually(async () => assert.match(await availability.innerText(), /We're online/));
  await sendFromWidget(v, 'Where is my parcel?');
  await openConversation(a, 'Where is my parcel?');
  const presence = a.locator('[data-testid="conversation-presence"]');
  await eventually(async () => assert.equal(await presence.getAttribute('data-presence'), 'online'));

  await stack.kill();
  // The open widget: the server, not the network, is gone.
  await eventually(async () => assert.equal((await banner(v)).problem, 'unreachable'), RECONNECT_MS);
  assert.equal(await v.evaluate(() => navigator.onLine), true);
  assert.match((await banner(v)).text, /Can't reach the server/);
  assert.doesNotMatch((await banner(v)).text, /offline/i);
  assert.equal(await availability.innerText(), 'Connecting…');
  // The dashboard no longer knows who is online.
  await eventually(async () => assert.equal(await presence.getAttribute('data-presence'), 'unknown'), RECONNECT_MS);
  assert.equal(await a.locator('[data-testid="visitor-online"]').count(), 0);

  // A new page load while the server is down: the launcher is there and says it is connecting.
  await v.goto(lab());
  await eventually(async () => assert.equal(await w.launcher.getAttribute('data-connecting'), 'true'), RECONNECT_MS);
  assert.match((await w.launcher.getAttribute('aria-label')) ?? '', /Connecting…/);
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), [], 'axe: the connecting launcher');
  await w.launcher.click();
  await eventually(async () => assert.equal((await banner(v)).problem, 'unreachable'));
  assert.equal(await availability.innerText(), 'Connecting…');
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), [], 'axe: the panel while the server is down');

  // Back: no clicks, both reconnect; the widget at the client core's pace, like the dashboard.
  const restarted = Date.now();
  await stack.start();
  const back = await Promise.all([
    waitConnected(v, RECONNECT_MS).then(() => Date.now() - restarted),
    waitLive(a, RECONNECT_MS).then(() => Date.now() - restarted),
  ]);
  console.log(`reconnected after the restart: widget ${back[0]} ms, dashboard ${back[1]} ms`);
  await w.offline.waitFor({ state: 'detached' });
  await eventually(async () => assert.match(await availability.innerText(), /We're online/));
  assert.equal(await w.launcher.getAttribute('data-connecting'), null);
  await eventually(async () => assert.notEqual(await presence.getAttribute('data-presence'), 'unknown'));
  assert.equal(await dashboard(a).connection.getAttribute('data-state'), 'connected');
  assert.deepEqual(errors, []);
}
