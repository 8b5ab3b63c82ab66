import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { inboxRow, loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { sendFromWidget, waitConnected, widget } from './support/widget.ts';

/**
 * Scenario 96: teams. An admin creates a team in Settings -> Teams, with a member and a page rule for
 * the page a visitor is on; the visitor's new conversation is assigned to that member (not to the
 * less busy agent outside the team) and shows live in their Mine view with the team's badge. Then the
 * site offers the team in the pre-chat form: a visitor who chooses it reaches the member the same way.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

async function setSettings(settings: Record<string, unknown>) {
  const site = (await stack.server.store.getSite(stack.site.id))!;
  await stack.server.store.updateSite(site.id, { settings: { ...site.settings, ...settings } });
  await stack.server.domain.siteSettingsChanged(site.id);
}

test('Settings -> Teams: a team with a member and a page rule; a visitor on that page lands in the member\'s Mine view with the badge', async () => {
  const { a, b } = stack.agents;
  await setSettings({ assignment: { mode: 'least_busy', capacity: 5 } });
  const admin = await page();
  const errors = watchErrors(admin);
  await loginDashboard(admin, stack.dashboardUrl, a);
  await admin.goto(`${stack.dashboardUrl}settings/teams`);
  await $(admin, 'teams-section').waitFor();
  await $(admin, 'team-name').fill('Billing');
  await $(admin, 'team-create').click();
  const team = admin.locator('[data-testid="team"][data-team="Billing"]');
  await team.waitFor();
  await team.locator(`[data-testid="team-member"][data-staff="${b.email}"]`).check();
  await eventually(async () => assert.deepEqual((await stack.server.store.listTeams(stack.site.id))[0]?.memberIds, [b.id]));
  const path = new URL(stack.examples.pages.anonymous).pathname;
  await $(admin, 'team-rule-add').click();
  await $(admin, 'team-rule-pattern').fill(path);
  await $(admin, 'team-rules-save').click();
  const billing = (await stack.server.store.listTeams(stack.site.id))[0];
  await eventually(async () => assert.deepEqual((await stack.server.store.getSite(stack.site.id))!.settings.teamRules, [{ pattern: path, teamId: billing.id }]));

  // Ada (the admin, holding nothing) is the least busy; Ben is the one in Billing.
  await admin.goto(stack.dashboardUrl);
  await admin.locator('[data-testid="view-mine"]').click();
  const ben = await page();
  await loginDashboard(ben, stack.dashboardUrl, b);
  await ben.locator('[data-testid="view-mine"]').click();

  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  const w = widget(v);
  await w.launcher.click();
  await waitConnected(v);
  await sendFromWidget(v, 'My invoice shows the wrong amount');

  const row = inboxRow(ben, 'My invoice shows the wrong amount');
  await row.waitFor();
  assert.equal(await row.locator('[data-testid="row-team"]').innerText(), 'Billing');
  assert.equal(await inboxRow(admin, 'My invoice shows the wrong amount').count(), 0, 'not in Ada\'s Mine');
  const conv = (await stack.server.store.listInbox({ siteId: stack.site.id, staffId: b.id, assignee: 'me', limit: 5 })).items.find((r) => r.conversation.lastMessage?.text === 'My invoice shows the wrong amount');
  assert.deepEqual([conv?.conversation.assigneeId, conv?.conversation.teamId], [b.id, billing.id]);
  assert.deepEqual(errors, []);
});

test('the pre-chat team choice: the visitor picks the team, and its member gets the conversation live', async () => {
  const { b } = stack.agents;
  const sales = await stack.server.store.createTeam({ siteId: stack.site.id, name: 'Sales', memberIds: [b.id], at: Date.now(), maxPerSite: 50 });
  // No page rule this time: only the visitor's choice routes it.
  await setSettings({ teamRules: [], teamPicker: { options: [{ teamId: sales.id, label: 'Buying a tent' }] } });
  const ben = await page();
  await loginDashboard(ben, stack.dashboardUrl, b);
  await ben.locator('[data-testid="view-mine"]').click();

  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  const w = widget(v);
  await w.launcher.click();
  await waitConnected(v);
  await $(v, 'parley-team-picker').waitFor();
  assert.equal(await w.input.count(), 0, 'no composer before the choice');
  await v.locator('[data-testid="parley-team"]').check();
  await $(v, 'parley-email-submit').click();
  await w.input.waitFor();
  await sendFromWidget(v, 'Which tent survives a storm?');
  const row = inboxRow(ben, 'Which tent survives a storm?');
  await row.waitFor();
  assert.equal(await row.locator('[data-testid="row-team"]').innerText(), 'Sales');
});
