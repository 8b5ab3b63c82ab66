import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './browser.ts';
import { dashboard, dashboardShows, loginDashboard, openConversation, reply, threadTexts, waitLive } from './dashboard.ts';
import { assertOnFallback, startFallbackChildStack, startFallbackStack } from './fallback.ts';
import { useStack } from './use-stack.ts';
import { eventually, stays, textsOf } from './wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './widget.ts';

/**
 * The scenarios the WebSocket suites run (01 live chat, 02 two tabs, 04 offline, 05 server restart),
 * here with every browser behind a proxy that refuses (e2e 90, 92) or stalls (91, 93) WebSocket
 * upgrades: the widget and the dashboard fall back to the HTTP stream by themselves and nothing is
 * lost or duplicated, the same as on WebSocket.
 */
const said = { refuse: 'refused', stall: 'stalled' } as const;
const pendingIn = (p: Page) => p.locator('[data-testid="parley-message"][data-status="pending"]');

/** A visitor with the widget open on the example page and an agent logged in, both watched for errors. */
async function visitorAndAgent(
  stack: { dashboardUrl: string; anonymousPage: string; agents: { a: Parameters<typeof loginDashboard>[2] } },
  page: () => Promise<Page>,
): Promise<{ v: Page; a: Page; errors: string[] }> {
  const v = await page();
  const a = await page();
  const errors = [...watchErrors(v), ...watchErrors(a)];
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await v.goto(stack.anonymousPage);
  await openWidget(v);
  return { v, a, errors };
}

export function chatScenarios(mode: 'refuse' | 'stall'): void {
  const { stack, page } = useStack(() => startFallbackStack(mode));

  test(`WebSocket ${said[mode]}: the visitor in two tabs and the agent chat over the HTTP fallback, typing shows, each message once`, async () => {
    const { v, a, errors } = await visitorAndAgent(stack, page);
    await eventually(() => assertOnFallback(stack, 2));

    const m1 = 'Behind a strict proxy: is the 2-person tent waterproof?';
    await sendFromWidget(v, m1);
    await openConversation(a, m1);
    const r1 = 'Yes, 3000 mm hydrostatic head.';
    await reply(a, r1);
    await widgetShows(v, [m1, r1]);

    // The agent types: the visitor sees it (ephemeral events ride the same stream).
    await dashboard(a).composer.pressSequentially('Also');
    await eventually(async () => assert.equal(await widget(v).typing.count() > 0, true, 'the typing indicator shows'));
    await dashboard(a).composer.fill('');

    // A second tab of the same visitor: same conversation, live in both.
    const v2 = await v.context().newPage();
    errors.push(...watchErrors(v2));
    await v2.goto(stack.anonymousPage);
    await openWidget(v2);
    await widgetShows(v2, [m1, r1]);
    await eventually(() => assertOnFallback(stack, 3));
    const m2 = 'Written in the second tab';
    await sendFromWidget(v2, m2);
    const r2 = 'Got it in both tabs?';
    await dashboardShows(a, [m1, r1, m2]);
    await reply(a, r2);
    const all = [m1, r1, m2, r2];
    await Promise.all([widgetShows(v, all), widgetShows(v2, all), dashboardShows(a, all)]);
    await stays(async () => {
      assert.deepEqual(await textsOf(widget(v).messages), all);
      assert.deepEqual(await textsOf(widget(v2).messages), all);
      assert.deepEqual(await threadTexts(a), all);
    }, 1000);
    const convId = await dashboard(a).conversation.getAttribute('data-conversation-id');
    const stored = await stack.store.history(convId!, { limit: 50, includeNotes: false });
    assert.deepEqual(stored.messages.map((m) => m.text), all, 'stored once each, in order');
    assert.deepEqual(errors, []);
  });

  test(`WebSocket ${said[mode]}: messages written offline wait in the outbox and arrive once, in order, over the fallback`, async () => {
    const { v, a, errors } = await visitorAndAgent(stack, page);
    const first = 'Online: my stove will not light';
    await sendFromWidget(v, first);
    await openConversation(a, first);
    await dashboardShows(a, [first]);

    await v.context().setOffline(true);
    const offline = ['Offline one: it clicks', 'Offline two: gas is full', 'Offline three: tried a new lighter'];
    for (const text of offline) await sendFromWidget(v, text);
    await widgetShows(v, [first, ...offline]);
    await eventually(async () => assert.deepEqual((await pendingIn(v).allInnerTexts()).map((t) => t.trim()), offline));
    await stays(async () => assert.equal(await dashboard(a).messages.count(), 1), 1000);

    await v.context().setOffline(false);
    await dashboardShows(a, [first, ...offline], 30_000);
    await eventually(async () => assert.equal(await pendingIn(v).count(), 0), 30_000);
    await stays(async () => {
      assert.equal(await dashboard(a).messages.count(), 4);
      assert.equal(await widget(v).messages.count(), 4);
    }, 1000);
    const convId = await dashboard(a).conversation.getAttribute('data-conversation-id');
    const stored = await stack.store.history(convId!, { limit: 50, includeNotes: false });
    assert.deepEqual(stored.messages.map((m) => m.text), [first, ...offline]);
    await assertOnFallback(stack, 2);
    assert.deepEqual(errors, []);
  });
}

const RECONNECT_MS = 45_000;

export function restartScenario(mode: 'refuse' | 'stall'): void {
  const { stack, page } = useStack(() => startFallbackChildStack(mode));

  test(`WebSocket ${said[mode]}: a SIGKILL and restart of the server mid-conversation loses and repeats nothing on the fallback`, async () => {
    try {
      const { v, a, errors } = await visitorAndAgent(stack, page);
      await eventually(() => assertOnFallback(stack, 2));
      const m1 = 'My order #2231 has not arrived';
      await sendFromWidget(v, m1);
      await openConversation(a, m1);
      const r1 = 'Let me check that for you.';
      await reply(a, r1);
      await Promise.all([widgetShows(v, [m1, r1]), dashboardShows(a, [m1, r1])]);

      await stack.child.kill();
      await eventually(async () => assert.notEqual(await dashboard(a).connection.getAttribute('data-state'), 'connected'), RECONNECT_MS);
      await eventually(async () => assert.notEqual(await widget(v).root.getAttribute('data-connection'), 'connected'), RECONNECT_MS);
      const m2 = 'Written while you were away';
      const r2 = 'Written while the server was down';
      await sendFromWidget(v, m2);
      await reply(a, r2);
      await widgetShows(v, [m1, r1, m2]);

      await stack.child.start();
      await Promise.all([waitLive(a, RECONNECT_MS), waitConnected(v, RECONNECT_MS)]);
      const settled = await eventually(async () => {
        const inWidget = await textsOf(widget(v).messages);
        assert.deepEqual(inWidget.slice(0, 2), [m1, r1]);
        assert.deepEqual([...inWidget.slice(2)].sort(), [m2, r2].sort());
        assert.deepEqual(await threadTexts(a), inWidget);
        return inWidget;
      }, RECONNECT_MS);
      await eventually(async () => assert.equal(await dashboard(a).pending.count(), 0));
      await eventually(async () => assert.equal(await pendingIn(v).count(), 0));
      const m3 = 'Thanks, still here';
      await sendFromWidget(v, m3);
      await dashboardShows(a, [...settled, m3]);
      const r3 = 'Found it: it ships tomorrow.';
      await reply(a, r3);
      const all = [...settled, m3, r3];
      await Promise.all([widgetShows(v, all), dashboardShows(a, all)]);
      await stays(async () => {
        assert.deepEqual(await textsOf(widget(v).messages), all);
        assert.deepEqual(await threadTexts(a), all);
      }, 1000);
      await eventually(() => assertOnFallback(stack, 2));
      assert.deepEqual(errors, []);
    } catch (err) {
      console.error(`--- server output ---\n${stack.child.output()}`);
      throw err;
    }
  });
}
