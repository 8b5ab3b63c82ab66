import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesRefusal } from './support/action-status.ts';
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
  // A refused read of the teams shows the server's sentence and its code in place of the section (it
  // used to stay on "Loading" with the error unseen); the next visit reads them.
  const refusal = await holdNext(admin, '**/api/v1/teams', 'GET', (route) =>
    route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ code: 'rate_limited', message: 'Slow down.' }) }),
  );
  refusal.release();
  await admin.goto(`${stack.dashboardUrl}settings/teams`);
  await seesRefusal($(admin, 'teams-error'), 'rate_limited', /Too many requests/);
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

  // Renamed in place, by keyboard: Escape puts the name back, a taken name is refused as text, Enter saves.
  await $(admin, 'team-name').fill('Returns desk');
  await $(admin, 'team-create').click();
  const desk = admin.locator('[data-testid="team"][data-team="Returns desk"]');
  await desk.locator('[data-testid="team-rename"]').click();
  const field = desk.locator('[data-testid="team-rename-input"]');
  assert.ok(await field.evaluate((el) => el === document.activeElement), 'the field has the focus');
  await field.fill('Refunds');
  await field.press('Escape');
  await eventually(async () => assert.equal(await field.count(), 0));
  assert.ok(await desk.locator('[data-testid="team-rename"]').evaluate((el) => el === document.activeElement), 'focus back on Rename');
  await admin.keyboard.press('Enter'); // Rename again, from the keyboard
  await field.fill('BILLING');
  await field.press('Enter');
  const refused = desk.locator('[data-testid="team-rename-error"]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /already has a team of that name/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await field.fill('Returns');
  await field.press('Enter');
  const returns = admin.locator('[data-testid="team"][data-team="Returns"]');
  await returns.waitFor();
  assert.equal(await returns.locator('[data-testid="team-rename-input"]').count(), 0, 'closed after saving');
  assert.deepEqual((await stack.server.store.listTeams(stack.site.id)).map((x) => x.name), ['Billing', 'Returns'], 'Escape saved nothing, the refusal nothing');
  // Deleting asks in place (no browser dialog); Escape takes it back, with focus on the button again.
  await returns.locator('[data-testid="team-delete"]').click();
  assert.match(await returns.locator('[data-testid="team-delete-question"]').innerText(), /Delete the team Returns\?/);
  await admin.keyboard.press('Escape');
  await returns.locator('[data-testid="team-delete"]').waitFor();
  assert.ok(await returns.locator('[data-testid="team-delete"]').evaluate((el) => el === document.activeElement), 'focus back on Delete');
  assert.equal((await stack.server.store.listTeams(stack.site.id)).length, 2, 'nothing deleted yet');
  await returns.locator('[data-testid="team-delete"]').click();
  await returns.locator('[data-testid="team-delete-confirm"]').click();
  await eventually(async () => assert.equal((await stack.server.store.listTeams(stack.site.id)).length, 1));

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

test('the pre-chat team choice, set in Settings -> Teams: the visitor picks the team, and its member gets the conversation live', async () => {
  const { a, b } = stack.agents;
  const sales = await stack.server.store.createTeam({ siteId: stack.site.id, name: 'Sales', memberIds: [b.id], at: Date.now(), maxPerSite: 50 });
  // No page rule this time: only the visitor's choice routes it.
  await setSettings({ teamRules: [] });
  const admin = await page();
  const errors = watchErrors(admin);
  await loginDashboard(admin, stack.dashboardUrl, a);
  await admin.goto(`${stack.dashboardUrl}settings/teams`);
  const picker = $(admin, 'team-picker');
  await picker.waitFor();
  await $(admin, 'team-picker-on').check();
  await $(admin, 'team-picker-save').click();
  assert.match(await $(admin, 'team-picker-status').innerText(), /at least one team/, 'on with no team offered is refused as text');
  const offer = picker.locator('[data-testid="team-picker-option"][data-team="Sales"]');
  await offer.locator('[data-testid="team-picker-offer"]').check();
  assert.equal(await offer.locator('[data-testid="team-picker-label"]').inputValue(), 'Sales', 'the team\'s name to start with');
  await offer.locator('[data-testid="team-picker-label"]').fill('Buying a tent');
  await $(admin, 'team-picker-save').click();
  await eventually(async () => assert.deepEqual((await stack.server.store.getSite(stack.site.id))!.settings.teamPicker, { options: [{ teamId: sales.id, label: 'Buying a tent' }] }));
  assert.equal(await $(admin, 'team-picker-status').getAttribute('role'), 'status');
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

  // And off again: the settings lose teamPicker.
  await $(admin, 'team-picker-on').uncheck();
  await $(admin, 'team-picker-save').click();
  await eventually(async () => assert.equal((await stack.server.store.getSite(stack.site.id))!.settings.teamPicker, undefined));

  // On once more, then the offered team is deleted: the choice goes with it, and the editor shows so.
  await $(admin, 'team-picker-on').check();
  await offer.locator('[data-testid="team-picker-offer"]').check();
  await $(admin, 'team-picker-save').click();
  await eventually(async () => assert.equal((await stack.server.store.getSite(stack.site.id))!.settings.teamPicker?.options[0].teamId, sales.id));
  await admin.locator('[data-testid="team"][data-team="Sales"] [data-testid="team-delete"]').click();
  await admin.locator('[data-testid="team"][data-team="Sales"] [data-testid="team-delete-confirm"]').click();
  await eventually(async () => assert.equal((await stack.server.store.getSite(stack.site.id))!.settings.teamPicker, undefined));
  await eventually(async () => assert.equal(await $(admin, 'team-picker-on').isChecked(), false, 'the editor shows the settings as they are now'));
  assert.deepEqual(errors, []);
});
