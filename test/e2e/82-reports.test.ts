import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { makeVisitor } from './support/dashboard-extra.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { localDate } from '../../dashboard/state/report-chart.ts';

/**
 * Scenario 82: an admin's reports show the figures of a seeded dataset. Three conversations in the
 * last week, made through the store at known times: answered after 2, 10 and 30 minutes (a staff note
 * before the first answer does not count), two resolved after 1 h and 3 h, rated 5 and 3.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const M = 60_000;
const H = 60 * M;

async function seed(): Promise<void> {
  const store = stack.server.store;
  const siteId = stack.site.id;
  const ada = { kind: 'staff' as const, id: stack.agents.a.id };
  const ben = { kind: 'staff' as const, id: stack.agents.b.id };
  const base = Date.now() - 3 * 24 * H;
  const plan = [
    { label: 'Seed One', reply: 2 * M, by: ada, resolve: 1 * H, score: 5 },
    { label: 'Seed Two', reply: 10 * M, by: ben, resolve: 3 * H, score: 3 },
    { label: 'Seed Three', reply: 30 * M, by: ben, resolve: null, score: null },
  ];
  let n = 0;
  for (const [i, p] of plan.entries()) {
    const at = base + i * H;
    const v = await makeVisitor(store, siteId, { label: p.label });
    const { conversation } = await store.appendMessage({ siteId, visitorId: v.id, clientId: `seed-${++n}`, author: { kind: 'visitor', id: v.id }, text: `question ${i}`, attachmentIds: [], note: false, at });
    const say = (note: boolean, after: number) =>
      store.appendMessage({ siteId, visitorId: v.id, conversationId: conversation.id, clientId: `seed-${++n}`, author: p.by, text: note ? 'a note' : 'an answer', attachmentIds: [], note, at: at + after });
    await say(true, M);
    await say(false, p.reply);
    await store.updateConversation({ conversationId: conversation.id, changes: { assigneeId: p.by.id }, by: p.by, at: at + p.reply });
    if (p.resolve !== null) await store.updateConversation({ conversationId: conversation.id, changes: { status: 'resolved' }, by: p.by, at: at + p.resolve });
    if (p.score !== null) await store.rateConversation({ conversationId: conversation.id, score: p.score, comment: null, by: { kind: 'visitor', id: v.id }, at: at + p.resolve! + M, changeableMs: H });
  }
}

test('an admin opens Reports: the figures, the chart, the ratings and the agents match the seeded data, over the last days and a chosen range; agents see no Reports', async () => {
  await seed();
  const admin = await page();
  const errors = watchErrors(admin);
  await loginDashboard(admin, stack.dashboardUrl, stack.agents.a);
  await $(admin, 'reports-button').click();
  await $(admin, 'report-range-7').click();
  const figure = async (id: string) => (await $(admin, `report-${id}`).locator('dd').innerText()).trim();
  await eventually(async () => assert.equal(await figure('opened'), '3'));
  assert.equal(await figure('resolved'), '2');
  assert.equal(await figure('first-response'), '10 min', 'the median of 2, 10 and 30 minutes');
  assert.equal(await figure('resolution'), '2 h', 'the median of 1 h and 3 h');
  assert.equal(await figure('csat'), '4 / 5');
  const counts = await $(admin, 'csat-distribution').locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  assert.deepEqual(counts, [0, 0, 1, 0, 1]);
  // Seven days, a pair of bars each; the bars' titles carry the day's figures.
  assert.equal(await $(admin, 'report-chart').locator('rect.bar-opened').count(), 7);
  const openedTitles = await $(admin, 'report-chart').locator('rect.bar-opened title').allTextContents();
  assert.equal(openedTitles.map((s) => Number(s.split(' ').at(-1))).reduce((a, b) => a + b, 0), 3);
  const agents = await $(admin, 'report-agent').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())));
  assert.deepEqual(agents, [
    [stack.agents.a.name, '1', '2 min', '5 (1)'],
    [stack.agents.b.name, '1', '20 min', '3 (1)'],
  ]);

  // A chosen range: the three days around the seeded ones hold all of it; the week before, nothing.
  const D = 24 * H;
  const pick = async (first: number, last: number) => {
    await $(admin, 'report-from').fill(localDate(first));
    await $(admin, 'report-to').fill(localDate(last));
    await $(admin, 'report-apply').click();
  };
  await $(admin, 'report-range-custom').click();
  await pick(Date.now() - 4 * D, Date.now() - 2 * D);
  await eventually(async () => assert.match(await $(admin, 'report-period').innerText(), /\(3 days\)/));
  await eventually(async () => assert.equal(await $(admin, 'report-chart').locator('rect.bar-opened').count(), 3));
  assert.equal(await figure('opened'), '3');
  assert.equal(await figure('resolved'), '2');
  assert.equal(await figure('csat'), '4 / 5');
  await pick(Date.now() - 12 * D, Date.now() - 5 * D);
  await eventually(async () => assert.equal(await $(admin, 'report-chart').locator('rect.bar-opened').count(), 8));
  assert.deepEqual([await figure('opened'), await figure('resolved'), await figure('first-response'), await figure('csat')], ['0', '0', '—', '—']);
  // The last day before the first cannot be applied; more than the server's longest range is refused with its reason.
  await $(admin, 'report-from').fill(localDate(Date.now()));
  await $(admin, 'report-to').fill(localDate(Date.now() - 2 * D));
  assert.equal(await $(admin, 'report-apply').isDisabled(), true);
  assert.match(await $(admin, 'report-range-invalid').innerText(), /last day must be on or after the first/);
  // The read is held: Apply waits for it; the refusal then shows the server's sentence and its code.
  const held = await holdNext(admin, '**/api/v1/reports?*', 'GET');
  await pick(Date.now() - 400 * D, Date.now());
  await eventually(async () => assert.equal(await $(admin, 'report-apply').isDisabled(), true, 'Apply waits for the read'));
  held.release();
  await seesRefusal($(admin, 'report-status'), 'bad_request', /at most 366 days/);
  assert.equal(await $(admin, 'report-apply').isDisabled(), false);
  // A year: a bar per week, and the seeded conversations in it.
  await $(admin, 'report-range-365').click();
  await eventually(async () => assert.equal(await $(admin, 'report-weekly').count(), 1));
  assert.equal(await $(admin, 'report-status').count(), 0, 'the refusal is gone with the next read');
  assert.equal(await $(admin, 'report-chart').locator('rect.bar-opened').count(), 53);
  assert.equal(await figure('opened'), '3');

  await admin.keyboard.press('Escape');
  await $(admin, 'reports-dialog').waitFor({ state: 'detached' });

  const agent = await page();
  await loginDashboard(agent, stack.dashboardUrl, stack.agents.b);
  assert.equal(await $(agent, 'reports-button').count(), 0, 'reports are for admins');
  assert.deepEqual(errors, []);
});
