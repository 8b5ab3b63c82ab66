import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { sendFromWidget, waitConnected, widget } from './support/widget.ts';

/**
 * Scenario 31: an admin sets business hours and automatic assignment in the dashboard's settings
 * (Hours & assignment), a zone the server does not know is refused with its sentence, and with every
 * agent full a new conversation waits: the agents see how many wait, the row its place, the visitor
 * theirs; a place freeing assigns it, and the timeline says it was automatic.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('Hours & assignment: saved into the site, a bad zone refused, the queue shown to agents and visitor', async () => {
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/routing`);
  await $(a, 'routing-form').waitFor();

  await $(a, 'routing-hours-on').check();
  await $(a, 'routing-timezone').fill('Mars/Olympus');
  await $(a, 'routing-save').click();
  await eventually(async () => assert.match(await $(a, 'routing-status').innerText(), /IANA time zone/));

  await $(a, 'routing-timezone').fill('Europe/Berlin');
  await $(a, 'routing-holidays').fill('2026-12-24, 2026-12-25');
  await $(a, 'routing-when-offline').selectOption('form');
  await $(a, 'routing-mode').selectOption('least_busy');
  await $(a, 'routing-capacity').fill('1');
  await a.locator(`[data-testid="routing-agent-capacity"][data-staff="${stack.agents.b.id}"]`).fill('0');
  await $(a, 'routing-save').click();
  await eventually(async () => assert.equal(await $(a, 'routing-status').innerText(), 'Saved.'));
  const saved = (await stack.server.store.getSite(stack.site.id))!.settings;
  assert.deepEqual(saved.businessHours, {
    timezone: 'Europe/Berlin',
    week: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:00' })),
    holidays: ['2026-12-24', '2026-12-25'],
  });
  assert.deepEqual(saved.assignment, { mode: 'least_busy', capacity: 1, agents: { [stack.agents.b.id]: 0 } });
  assert.equal(saved.whenOffline, 'form');

  // Open all week for the rest (the clock is real), Ada takes one conversation at most, Ben none.
  const week = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, from: '00:00', to: '00:00' }));
  await stack.server.store.updateSite(stack.site.id, { settings: { ...saved, businessHours: { timezone: 'Europe/Berlin', week } } });
  await stack.server.domain.siteSettingsChanged(stack.site.id);
  await a.goto(stack.dashboardUrl);
  await $(a, 'view-all').click();

  const [v1, v2] = [await page(), await page()];
  for (const [v, text] of [[v1, 'First: a stove question'], [v2, 'Second: a tent question']] as const) {
    await v.goto(stack.examples.pages.anonymous);
    await widget(v).launcher.click();
    await waitConnected(v);
    await widget(v).input.waitFor();
    await sendFromWidget(v, text);
    await widget(v).mine.filter({ hasText: text }).waitFor();
  }
  // The first went to Ada; the second waits: one waiting, its row and its visitor say number 1.
  await a.locator('[data-testid="queue-waiting"][data-waiting="1"]').waitFor();
  await a.locator('[data-testid="inbox-row"]', { hasText: 'Second: a tent question' }).locator('[data-testid="row-assignee"]', { hasText: 'No. 1 in queue' }).waitFor();
  await v2.locator('[data-testid="parley-queue"][data-position="1"]').waitFor();
  assert.equal(await v1.locator('[data-testid="parley-queue"]').count(), 0, 'the first has an agent');
  // Ada is online but full (Ben takes none): the waiting visitor and a new one are told so, never "online";
  // the new one where they would stand. The first, whose conversation Ada has, still sees the team online.
  await v2.locator('[data-testid="parley-availability"][data-availability="busy"]', { hasText: 'All agents are busy' }).waitFor();
  const v3 = await page();
  await v3.goto(stack.examples.pages.anonymous);
  await widget(v3).launcher.click();
  await waitConnected(v3);
  await v3.locator('[data-testid="parley-availability"][data-availability="busy"]', { hasText: 'All agents are busy' }).waitFor();
  await v3.locator('[data-testid="parley-status-sub"]', { hasText: "You'd be number 2 in line" }).waitFor();
  await v1.locator('[data-testid="parley-availability"][data-availability="online"]').waitFor();

  // Ada resolves the first: the second is hers at once, the queue empties everywhere.
  await a.locator('[data-testid="inbox-row"]', { hasText: 'First: a stove question' }).click();
  await $(a, 'conversation').waitFor();
  await a.keyboard.press('e'); // resolve (the dashboard's shortcut)
  await v2.locator('[data-testid="parley-queue"]').waitFor({ state: 'detached' });
  // Nobody waits now, Ada is still full: the new visitor hears the usual reply time instead of a place.
  await v3.locator('[data-testid="parley-status-sub"]', { hasText: /^Replies in/ }).waitFor();
  await v3.locator('[data-testid="parley-availability"][data-availability="busy"]').waitFor();
  await $(a, 'queue-waiting').waitFor({ state: 'detached' });
  await a.locator('[data-testid="inbox-row"]', { hasText: 'Second: a tent question' }).click();
  await a.getByText('Assigned automatically to You').waitFor();
  assert.deepEqual(errors, []);
});

test('assignment off: an unassigned conversation is just unassigned, with no queue place or waiting count', async () => {
  // Hours and the offline form of the test before stay out of it: the visitor gets the composer.
  const { whenOffline: _form, businessHours: _hours, ...settings } = (await stack.server.store.getSite(stack.site.id))!.settings;
  await stack.server.store.updateSite(stack.site.id, { settings: { ...settings, assignment: { mode: 'off' } } });
  await stack.server.domain.siteSettingsChanged(stack.site.id);
  // The visitor writes before the agent signs in (the inbox's first read), then another while they look (live).
  const text = ['Before sign-in: a question about pegs', 'While signed in: a question about poles'];
  const write = async (t: string) => {
    const v = await page();
    await v.goto(stack.examples.pages.anonymous);
    await widget(v).launcher.click();
    await waitConnected(v);
    await sendFromWidget(v, t);
    await widget(v).mine.filter({ hasText: t }).waitFor();
  };
  await write(text[0]);
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await $(a, 'view-all').click();
  await write(text[1]);
  for (const t of text) await a.locator('[data-testid="inbox-row"]', { hasText: t }).locator('[data-testid="row-assignee"]', { hasText: 'Unassigned' }).waitFor();
  // Nothing takes from a queue with assignment off: no "Waiting: n" (it used to count every unassigned
  // conversation at sign-in and then never move), no "No. n in queue".
  assert.equal(await $(a, 'queue-waiting').count(), 0);
  assert.equal(await a.locator('[data-testid="row-assignee"]', { hasText: 'in queue' }).count(), 0);
  assert.deepEqual(errors, []);
});
