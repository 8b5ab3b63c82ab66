import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { dashboard, loginDashboard, openConversation, reply, dashboardShows } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';

/** Scenario 2: two tabs of one visitor; a message sent in one appears in both; a reload keeps the conversation. */
const { stack, person, page } = useStack();

test('two tabs share one conversation and a reload keeps it', async () => {
  const visitor = await person();
  const tab1 = await visitor.newPage();
  const tab2 = await visitor.newPage();
  const a = await page();
  const errors = [...watchErrors(tab1), ...watchErrors(tab2), ...watchErrors(a)];

  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await tab1.goto(stack.examples.pages.anonymous);
  await openWidget(tab1);
  // The second tab opens after the first made the visitor: it must be the same visitor.
  await tab2.goto(stack.examples.pages.anonymous);
  await openWidget(tab2);

  const m1 = 'Written in the first tab';
  await sendFromWidget(tab1, m1);
  await Promise.all([widgetShows(tab1, [m1]), widgetShows(tab2, [m1])]);

  const m2 = 'And this one in the second tab';
  await sendFromWidget(tab2, m2);
  await Promise.all([widgetShows(tab1, [m1, m2]), widgetShows(tab2, [m1, m2])]);

  // One visitor, one conversation for staff.
  await eventually(async () => assert.equal(await dashboard(a).rows.count(), 1));
  await openConversation(a, m2);
  await dashboardShows(a, [m1, m2]);
  const r = 'Both tabs get this reply';
  await reply(a, r);
  await Promise.all([widgetShows(tab1, [m1, m2, r]), widgetShows(tab2, [m1, m2, r])]);

  // A reload keeps the visitor, the conversation and its history.
  await tab1.reload();
  await openWidget(tab1);
  await widgetShows(tab1, [m1, m2, r]);
  const m3 = 'After the reload';
  await sendFromWidget(tab1, m3);
  await Promise.all([widgetShows(tab1, [m1, m2, r, m3]), widgetShows(tab2, [m1, m2, r, m3]), dashboardShows(a, [m1, m2, r, m3])]);
  await stays(async () => assert.equal(await dashboard(a).rows.count(), 1), 300);

  assert.deepEqual(errors, []);
});
