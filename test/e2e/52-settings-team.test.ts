import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seesConfirmation, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard, waitLive } from './support/dashboard.ts';
import { makeVisitor, staffToken, visitorSays } from './support/dashboard-extra.ts';
import type { Agent } from './support/seed.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';

/**
 * Scenario 52: the team in the dashboard. An admin invites someone (a link they copy), the invitee
 * sets a password by the policy and is signed in; roles change; deactivating closes the member's open
 * dashboard at once (well inside one 30 s heartbeat) and sends their conversations back to the queue;
 * a reset ends their sessions and a link sets a new password; removing asks in place (ConfirmAction). Every member runs
 * their own name, password and sessions.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const member = (p: Page, email: string) => p.locator(`[data-testid="member"][data-email="${email}"]`);
const loginForm = (p: Page) => $(p, 'login-form');

async function openTeam(p: Page): Promise<void> {
  await loginDashboard(p, stack.dashboardUrl, stack.agents.a);
  await p.goto(`${stack.dashboardUrl}settings/team`);
  await $(p, 'members').waitFor();
}

/** Invites through the form; answers the link the admin would copy. */
async function invite(admin: Page, name: string, email: string, role: 'agent' | 'admin' = 'agent'): Promise<string> {
  await $(admin, 'invite-name').fill(name);
  await $(admin, 'invite-email').fill(email);
  await $(admin, 'invite-role').selectOption(role);
  await $(admin, 'invite-submit').click();
  await member(admin, email).waitFor();
  return (await $(admin, 'password-link-url').innerText()).trim();
}

/** Opens a password link in a fresh browser and sets the password; answers that signed-in page. */
async function usePasswordLink(url: string, password: string): Promise<Page> {
  const p = await page();
  await p.goto(url);
  await $(p, 'password-link-new').fill(password);
  await $(p, 'password-link-again').fill(password);
  await $(p, 'password-link-submit').click();
  await waitLive(p);
  return p;
}

test('an invitation link sets the password (by the policy) and signs the new member in', async () => {
  const admin = await page();
  const errors = watchErrors(admin);
  await openTeam(admin);
  // Someone already on the team: the server's refusal, in its sentence and with its code (useAction).
  await $(admin, 'invite-name').fill('Ben Again');
  await $(admin, 'invite-email').fill(stack.agents.b.email);
  await $(admin, 'invite-submit').click();
  const refusal = $(admin, 'team-status');
  await eventually(async () => assert.equal(await refusal.getAttribute('role'), 'alert'));
  assert.match(await refusal.innerText(), /already exists on this site/);
  assert.equal(await refusal.getAttribute('data-code'), 'conflict');
  assert.equal(await $(admin, 'invite-submit').isDisabled(), false, 'the form is usable again');
  const url = await invite(admin, 'Cleo Park', 'cleo@acme.test');
  assert.match(url, new RegExp(`^${stack.parleyUrl}/dashboard/password#[\\w-]{43}$`));
  assert.equal(await member(admin, 'cleo@acme.test').getAttribute('data-status'), 'invited');
  assert.match(await $(admin, 'password-link').innerText(), /Send this link to Cleo Park/);

  const cleo = await page();
  await cleo.goto(url);
  assert.match(await $(cleo, 'password-link-who').innerText(), /Cleo Park \(cleo@acme\.test\)/);
  await $(cleo, 'password-link-new').fill('password1234');
  await $(cleo, 'password-link-again').fill('password1234');
  await $(cleo, 'password-link-submit').click();
  await eventually(async () => assert.match(await $(cleo, 'password-link-error').innerText(), /most common/));
  await $(cleo, 'password-link-new').fill('cleo loves long passwords');
  await $(cleo, 'password-link-again').fill('cleo loves long passwords');
  await $(cleo, 'password-link-submit').click();
  await waitLive(cleo);
  assert.equal(new URL(cleo.url()).pathname, '/dashboard/');
  assert.equal((await $(cleo, 'me-name').innerText()).trim(), 'Cleo Park');
  // The link was used: opening it again says so.
  const again = await page();
  await again.goto(url);
  await eventually(async () => assert.match(await $(again, 'password-link-error').innerText(), /expired or was already used/));
  await admin.reload();
  await eventually(async () => assert.equal(await member(admin, 'cleo@acme.test').getAttribute('data-status'), 'active'));
  assert.deepEqual(errors, []);
});

test('deactivating closes the member\'s open dashboard at once and sends their conversations back to the queue', async () => {
  const admin = await page();
  await openTeam(admin);
  const url = await invite(admin, 'Dan Ortiz', 'dan@acme.test');
  const dan = await usePasswordLink(url, 'dan has a long password');
  const v = await makeVisitor(stack.server.store, stack.site.id, { label: 'Quiet Lynx' });
  const { conversationId } = await visitorSays(stack.server.domain, stack.site.id, v.id, 'Is the lantern waterproof?');
  const danId = (await stack.server.store.findStaffByEmail('dan@acme.test'))[0].id;
  const token = await staffToken(stack.parleyUrl, stack.agents.a as Agent);
  await fetch(`${stack.parleyUrl}/api/v1/conversations/${conversationId}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ assigneeId: danId }) });

  await member(admin, 'dan@acme.test').locator('[data-testid="member-active"]').click();
  await eventually(async () => assert.match(await $(admin, 'team-status').innerText(), /Dan Ortiz is signed out everywhere; 1 open conversation went back to the queue\./));
  await loginForm(dan).waitFor();
  assert.equal(await member(admin, 'dan@acme.test').getAttribute('data-status'), 'deactivated');
  assert.equal((await stack.server.store.getConversation(conversationId))!.assigneeId, null);
  await dan.locator('[data-testid="login-email"]').fill('dan@acme.test');
  await dan.locator('[data-testid="login-password"]').fill('dan has a long password');
  await dan.locator('[data-testid="login-submit"]').click();
  await eventually(async () => assert.match(await $(dan, 'login-error').innerText(), /deactivated/));
  await member(admin, 'dan@acme.test').locator('[data-testid="member-active"]').click();
  await eventually(async () => assert.equal(await member(admin, 'dan@acme.test').getAttribute('data-status'), 'active'));
});

test('roles, a password reset that ends the member\'s sessions, and removal that asks in place (Escape and Cancel take it back)', async () => {
  const admin = await page();
  await openTeam(admin);
  const url = await invite(admin, 'Eve Stone', 'eve@acme.test');
  const eve = await usePasswordLink(url, 'eve has a long password');
  // Made admin: the settings show her the admin sections.
  await member(admin, 'eve@acme.test').locator('[data-testid="member-role"]').selectOption('admin');
  await eventually(async () => assert.equal((await stack.server.store.findStaffByEmail('eve@acme.test'))[0].role, 'admin'));
  await eve.goto(`${stack.dashboardUrl}settings/team`);
  await $(eve, 'members').waitFor();
  await member(admin, 'eve@acme.test').locator('[data-testid="member-role"]').selectOption('agent');

  await member(admin, 'eve@acme.test').locator('[data-testid="member-reset"]').click();
  await eventually(async () => assert.match(await $(admin, 'password-link').innerText(), /old password of Eve Stone no longer works/));
  const resetUrl = (await $(admin, 'password-link-url').innerText()).trim();
  await loginForm(eve).waitFor();
  const eveAgain = await usePasswordLink(resetUrl, 'eve picked a new password');
  assert.equal((await $(eveAgain, 'me-name').innerText()).trim(), 'Eve Stone');

  // Removing asks in place: the question, the action focused, Cancel; Escape takes it back (focus on
  // Remove again) and Cancel too, with Eve still a member.
  const eveRow = member(admin, 'eve@acme.test');
  const isFocused = (testId: string) => eveRow.locator(`[data-testid="${testId}"]`).evaluate((el) => el === document.activeElement);
  await eveRow.locator('[data-testid="member-remove"]').click();
  assert.match(await eveRow.locator('[data-testid="member-remove-question"]').innerText(), /Remove Eve Stone from this site for good\?/);
  assert.ok(await isFocused('member-remove-confirm'), 'the action is focused');
  await admin.keyboard.press('Escape');
  await eveRow.locator('[data-testid="member-remove"]').waitFor();
  assert.ok(await isFocused('member-remove'), 'Escape: focus back on Remove');
  assert.equal(await eveRow.locator('[data-testid="member-remove-question"]').count(), 0);
  await eveRow.locator('[data-testid="member-remove"]').click();
  await eveRow.locator('[data-testid="member-remove-cancel"]').click();
  assert.ok(await isFocused('member-remove'), 'Cancel: focus back on Remove');
  assert.equal((await stack.server.store.findStaffByEmail('eve@acme.test')).length, 1, 'nothing removed yet');
  await eveRow.locator('[data-testid="member-remove"]').click();
  await eveRow.locator('[data-testid="member-remove-confirm"]').click();
  await eveRow.waitFor({ state: 'detached' });
  await loginForm(eveAgain).waitFor();
  // Nobody changes their own role from the list (the server keeps a site from losing its last admin).
  assert.equal(await member(admin, stack.agents.a.email).locator('[data-testid="member-role"]').isDisabled(), true, 'not on yourself');
});

test('every member: name and initials, own password (other sessions end), sign out everywhere', async () => {
  const admin = await page();
  await openTeam(admin);
  const url = await invite(admin, 'Finn Cole', 'finn@acme.test');
  const finn = await usePasswordLink(url, 'finn has a long password');
  const finnElsewhere = await page();
  await loginDashboard(finnElsewhere, stack.dashboardUrl, { id: '', name: 'Finn Cole', email: 'finn@acme.test', password: 'finn has a long password' });

  await finn.goto(`${stack.dashboardUrl}settings/account`);
  await $(finn, 'account-name').fill('Finnegan Cole-Wright');
  assert.equal((await finn.locator('.profile-row [data-testid="avatar"]').innerText()).trim(), 'FC');
  await $(finn, 'account-name-save').click();
  await eventually(async () => assert.match(await $(finn, 'account-name-status').innerText(), /Saved/));
  assert.equal((await $(finn, 'me-name').innerText()).trim(), 'Finnegan Cole-Wright');

  await $(finn, 'account-current').fill('not my password');
  await $(finn, 'account-new').fill('finn now has another one');
  await $(finn, 'account-again').fill('finn now has another one');
  await $(finn, 'account-again').fill('finn now has another');
  await $(finn, 'account-password-save').click();
  // Caught before the server: no code of the server's.
  await eventually(async () => assert.match(await $(finn, 'account-password-status').innerText(), /The two new passwords differ/));
  assert.equal(await $(finn, 'account-password-status').getAttribute('data-code'), null);
  await $(finn, 'account-again').fill('finn now has another one');
  await $(finn, 'account-password-save').click();
  await seesRefusal($(finn, 'account-password-status'), 'bad_request', /The current password is wrong\./);
  await $(finn, 'account-current').fill('finn has a long password');
  await $(finn, 'account-password-save').click();
  await seesConfirmation($(finn, 'account-password-status'), /Password changed/);
  await loginForm(finnElsewhere).waitFor();
  assert.equal(await loginForm(finn).count(), 0, 'this session goes on');

  await $(finn, 'account-sign-out-all').click();
  await loginForm(finn).waitFor();
});

test('someone on two sites: one login, a site switcher with the other site\'s unread count, and a switch', async () => {
  const store = stack.server.store;
  const second = await store.createSite({ name: 'Acme Bikes', allowedOrigins: ['http://127.0.0.1:*'], identitySecret: 'bikes-identity-secret-0123456789abcdef', settings: {} });
  const ada = (await store.findStaffByEmail(stack.agents.a.email))[0];
  await store.createStaff({ siteId: second.id, email: ada.email, name: ada.name, role: 'agent', passwordHash: ada.passwordHash });
  const v = await makeVisitor(store, second.id, { label: 'Swift Crane' });
  await visitorSays(stack.server.domain, second.id, v.id, 'Do you fix gears?');

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const switcher = $(a, 'site-switcher');
  await eventually(async () => assert.match((await switcher.locator('option').allInnerTexts()).join(' | '), /Acme Bikes \(1 unread\)/));
  await switcher.selectOption({ label: 'Acme Bikes (1 unread)' });
  await eventually(async () => assert.equal((await a.locator('.brand-site').innerText()).trim(), 'Acme Bikes'));
  await waitLive(a);
  await a.locator('[data-testid="inbox-row"]').filter({ hasText: 'Do you fix gears?' }).waitFor();
});
