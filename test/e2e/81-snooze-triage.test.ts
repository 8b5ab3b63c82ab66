import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { dashboard, inboxRow, loginDashboard, openConversation } from './support/dashboard.ts';
import { makeVisitor, visitorSays } from './support/dashboard-extra.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, textsOf } from './support/wait.ts';

/**
 * Scenario 81: the agent's triage in the dashboard. A snooze from the menu shows until when; a snooze
 * of two seconds (a short, real one) wakes by itself and the thread says so; priority and labels set
 * in the conversation show on the rows, and the inbox filters and sorts by them. While a change is
 * on its way the triage waits, and a refusal shows the server's sentence with its code.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const say = async (label: string, text: string) => {
  const v = await makeVisitor(stack.server.store, stack.site.id, { label });
  return visitorSays(stack.server.domain, stack.site.id, v.id, text);
};
const rowIds = (p: Page) => dashboard(p).rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));

test('snooze: presets and "until", and a snooze that wakes by itself at its time', async () => {
  const a = await page();
  const errors = watchErrors(a);
  const tent = await say('Quiet Lynx', 'Tell me when the tents are back in stock');
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await $(a, 'status-filter').selectOption('');
  await openConversation(a, 'tents are back');
  await $(a, 'snooze-button').click();
  await $(a, 'snooze-hour').click();
  await eventually(async () => assert.equal(await $(a, 'conversation-status').getAttribute('data-status'), 'snoozed'));
  assert.match(await $(a, 'snoozed-until').innerText(), /Snoozed until/);
  await eventually(async () => assert.ok((await textsOf($(a, 'timeline-entry'))).some((e) => /^You snoozed this until /.test(e))));

  // Two seconds from now, set through the API the menu uses: the server wakes it by itself.
  const res = await fetch(`${stack.parleyUrl}/api/v1/conversations/${tent.conversationId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await staffToken()}` },
    body: JSON.stringify({ status: 'snoozed', snoozedUntil: Date.now() + 2_000 }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => assert.equal(await $(a, 'conversation-status').getAttribute('data-status'), 'open'), 15_000);
  await eventually(async () => assert.ok((await textsOf($(a, 'timeline-entry'))).includes('Snooze ended')));
  assert.equal(await inboxRow(a, 'tents are back').getAttribute('data-status'), 'open');
  assert.deepEqual(errors, []);
});

async function staffToken(): Promise<string> {
  const r = await fetch(`${stack.parleyUrl}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: stack.agents.b.email, password: stack.agents.b.password }),
  });
  return ((await r.json()) as { token: string }).token;
}

test('priority and labels: set on the conversation, shown on rows, filtered and sorted in the inbox', async () => {
  const a = await page();
  const errors = watchErrors(a);
  const refund = await say('Red Panda', 'I want a refund for order 77');
  const stove = await say('Grey Wolf', 'Which stove for winter camping?');
  const invoice = await say('Brown Bear', 'My invoice has the wrong address');
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);

  await openConversation(a, 'refund for order 77');
  await $(a, 'priority-select').selectOption('urgent');
  await $(a, 'label-input').fill('billing');
  await $(a, 'label-input').press('Enter');
  await eventually(async () => assert.deepEqual(await textsOf($(a, 'conversation-label')), ['billing ×']));
  await openConversation(a, 'wrong address');
  await $(a, 'label-input').fill('billing');
  await $(a, 'label-input').press('Enter');
  await $(a, 'priority-select').selectOption('low');
  await eventually(async () => assert.equal(await inboxRow(a, 'wrong address').locator('[data-testid="row-priority"]').getAttribute('data-priority'), 'low'));
  await eventually(async () => assert.ok((await textsOf($(a, 'timeline-entry'))).includes('You set the priority to Low')));
  assert.deepEqual(await textsOf(inboxRow(a, 'refund for order 77').locator('[data-testid="row-label"]')), ['billing']);

  await $(a, 'priority-filter').selectOption('urgent');
  await eventually(async () => assert.deepEqual(await rowIds(a), [refund.conversationId]));
  await $(a, 'priority-filter').selectOption('');
  await $(a, 'label-filter').fill('billing');
  await $(a, 'label-filter').press('Enter');
  await eventually(async () => assert.deepEqual(await rowIds(a), [invoice.conversationId, refund.conversationId]));
  await $(a, 'label-filter').fill('');
  await $(a, 'label-filter').press('Enter');
  await $(a, 'inbox-sort').selectOption('priority');
  await eventually(async () => {
    const ids = (await rowIds(a)).filter((id) => [refund, stove, invoice].some((c) => c.conversationId === id));
    assert.deepEqual(ids, [refund.conversationId, invoice.conversationId, stove.conversationId]);
  });
  // Live: a label removed in the open conversation drops it from a label-filtered list.
  await $(a, 'label-filter').fill('billing');
  await $(a, 'label-filter').press('Enter');
  await eventually(async () => assert.equal(await dashboard(a).rows.count(), 2));
  await openConversation(a, 'wrong address');
  await $(a, 'conversation-label').locator('button').click();
  await eventually(async () => assert.deepEqual(await rowIds(a), [refund.conversationId]));

  // A change on its way holds the triage; a refusal shows the server's sentence and its code (the
  // held request goes on with a priority the server does not know), and the next change clears it.
  const held = await holdNext(a, '**/api/v1/conversations/*', 'PATCH', (route) => route.continue({ postData: JSON.stringify({ priority: 'bogus' }) }));
  await $(a, 'priority-select').selectOption('high');
  for (const id of ['priority-select', 'status-select', 'assignee-select', 'snooze-button']) {
    await eventually(async () => assert.equal(await $(a, id).isDisabled(), true, `${id} waits`));
  }
  held.release();
  await seesRefusal($(a, 'triage-status'), 'bad_request', /priority must be one of/);
  assert.equal(await $(a, 'priority-select').isDisabled(), false);
  await $(a, 'priority-select').selectOption('urgent');
  await eventually(async () => assert.ok((await textsOf($(a, 'timeline-entry'))).includes('You set the priority to Urgent')));
  assert.equal(await $(a, 'triage-status').count(), 0);
  assert.deepEqual(errors, []);
});
