import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardShows, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 4: the visitor's browser goes offline while three messages are written; they show as
 * pending and arrive exactly once, in order, once it is back.
 */
const { stack, page } = useStack();

test('messages written offline are pending, then arrive once and in order', async () => {
  const v = await page();
  const a = await page();
  const errors = [...watchErrors(v), ...watchErrors(a)];
  const w = widget(v);

  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const first = 'Online: my stove will not light';
  await sendFromWidget(v, first);
  await openConversation(a, first);
  await dashboardShows(a, [first]);

  await v.context().setOffline(true);
  const offline = ['Offline one: it clicks', 'Offline two: gas is full', 'Offline three: tried a new lighter'];
  for (const text of offline) await sendFromWidget(v, text);

  // The visitor sees all three, in order, each marked as still sending.
  await widgetShows(v, [first, ...offline]);
  const pending = v.locator('[data-testid="parley-message"][data-status="pending"]');
  await eventually(async () => assert.deepEqual((await pending.allInnerTexts()).map((t) => t.trim()), offline));
  assert.equal(await v.getByText('Sending…').count() > 0, true, 'a pending message says "Sending…"');
  // The widget says the connection is gone.
  // The widget should also say the connection is gone (the browser knows: navigator.onLine is false
  // and 'offline' fired). Checked here, asserted at the end so the delivery checks above still run.
  assert.equal(await v.evaluate(() => navigator.onLine), false);
  const bannerWhileOffline = await eventually(async () => assert.match(await w.offline.innerText({ timeout: 500 }), /offline/i), 5000).then(
    () => true,
    () => false,
  );

  // Nothing reaches staff while offline.
  await stays(async () => assert.deepEqual((await dashboard(a).messages.count()), 1), 1000);

  await v.context().setOffline(false);
  await dashboardShows(a, [first, ...offline], 20_000);
  await eventually(async () => assert.equal(await pending.count(), 0), 20_000);
  await widgetShows(v, [first, ...offline]);
  await eventually(async () => assert.equal(await w.offline.count(), 0));

  // Exactly once: no duplicate appears later in either view, nor in the stored history.
  await stays(async () => {
    assert.equal(await dashboard(a).messages.count(), 4);
    assert.equal(await w.messages.count(), 4);
  }, 1000);
  const convId = await dashboard(a).conversation.getAttribute('data-conversation-id');
  const stored = await stack.server.store.history(convId!, { limit: 50, includeNotes: false });
  assert.deepEqual(stored.messages.map((m) => m.text), [first, ...offline]);
  assert.deepEqual(stored.messages.map((m) => m.seq), [...stored.messages.map((m) => m.seq)].sort((x, y) => x - y));

  assert.deepEqual(errors, []);
  assert.ok(bannerWhileOffline, 'while the browser is offline the widget shows its "You\'re offline" banner (data-testid=parley-offline)');
});
