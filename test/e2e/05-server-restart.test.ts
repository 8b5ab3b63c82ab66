import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { startChildStack } from './support/child-stack.ts';
import { dashboard, dashboardShows, loginDashboard, openConversation, reply, threadTexts, waitLive } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays, textsOf } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 5: the server process is SIGKILLed and started again (same port, same data dir)
 * mid-conversation. Both sides reconnect by themselves; nothing is lost or duplicated, including
 * the messages each side wrote while the server was down.
 */
const { stack, page } = useStack(startChildStack);

const RECONNECT_MS = 30_000;

test('both sides survive a SIGKILL and restart of the server', async () => {
  try {
    await killAndRestartMidConversation();
  } catch (err) {
    // The server's own words help when it did not come back.
    console.error(`--- server output ---\n${stack.output()}`);
    throw err;
  }
});

async function killAndRestartMidConversation(): Promise<void> {
  const v = await page();
  const a = await page();
  const errors = [...watchErrors(v), ...watchErrors(a)];

  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const m1 = 'My order #2231 has not arrived';
  await sendFromWidget(v, m1);
  await openConversation(a, m1);
  const r1 = 'Let me check that for you.';
  await reply(a, r1);
  await Promise.all([widgetShows(v, [m1, r1]), dashboardShows(a, [m1, r1])]);

  await stack.kill();
  // Both people are told the connection is gone.
  await eventually(async () => assert.notEqual(await dashboard(a).connection.getAttribute('data-state'), 'connected'), RECONNECT_MS);
  await eventually(async () => assert.notEqual(await widget(v).root.getAttribute('data-connection'), 'connected'), RECONNECT_MS);

  // Each writes while the server is down: the messages wait in their outboxes.
  const m2 = 'Written while you were away';
  const r2 = 'Written while the server was down';
  await sendFromWidget(v, m2);
  await reply(a, r2);
  await widgetShows(v, [m1, r1, m2]);

  await stack.start();
  // No clicks: both reconnect on their own, then each pending message is delivered exactly once.
  // Which of the two written-while-down messages the server commits first depends on who reconnects
  // first; both sides must show the same order.
  await Promise.all([waitLive(a, RECONNECT_MS), waitConnected(v, RECONNECT_MS)]);
  const settled = await eventually(async () => {
    const inWidget = await textsOf(widget(v).messages);
    const inDashboard = await threadTexts(a);
    assert.deepEqual(inWidget.slice(0, 2), [m1, r1]);
    assert.deepEqual([...inWidget.slice(2)].sort(), [m2, r2].sort());
    assert.deepEqual(inDashboard, inWidget);
    return inWidget;
  }, RECONNECT_MS);
  await eventually(async () => assert.equal(await dashboard(a).pending.count(), 0));
  await eventually(async () => assert.equal(await v.locator('[data-testid="parley-message"][data-status="pending"]').count(), 0));

  // The conversation goes on normally.
  const m3 = 'Thanks, still here';
  await sendFromWidget(v, m3);
  await dashboardShows(a, [...settled, m3]);
  const r3 = 'Found it: it ships tomorrow.';
  await reply(a, r3);
  const all = [...settled, m3, r3];
  await widgetShows(v, all);
  await stays(async () => {
    assert.equal(await dashboard(a).messages.count(), 6);
    assert.equal(await widget(v).messages.count(), 6);
  }, 1000);

  // After a reload both still see exactly the same six messages (what the server stored).
  await Promise.all([a.reload(), v.reload()]);
  await waitLive(a);
  await openWidget(v);
  await widgetShows(v, all);
  await dashboard(a).composer.waitFor();
  await dashboardShows(a, all);

  assert.deepEqual(errors, []);
}
