import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesConfirmation, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard, waitLive } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';

/**
 * Scenario 42: sites in the dashboard (issue 11, "accounts and sites"). The server's owner (the first
 * admin) makes a second site from the Sites section, sees its identity secret once, becomes its admin
 * with the password they have, and switches to it; another tenant's admin may not make sites until the
 * owner hands ownership over; an agent sees their sites but no way to make one.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const rows = (p: Page) => $(p, 'sites-list').locator('li');

/** The server owner (Ada) on a fresh page in Settings → Sites, its create form shown; with the page's errors. */
async function ownerOnSites(): Promise<{ a: Page; errors: string[] }> {
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/sites`);
  await $(a, 'site-create-form').waitFor();
  return { a, errors };
}

test('the server owner makes a site, joins it with their password, and switches to it', async () => {
  const { a, errors } = await ownerOnSites();
  assert.equal(await rows(a).count(), 1);
  await $(a, 'site-name').fill('Trail Shop EU');
  await $(a, 'site-origins').fill('https://eu.trail.example, http://localhost:*');
  await $(a, 'site-create').click();
  await eventually(async () => assert.match(await $(a, 'sites-status').innerText(), /Trail Shop EU is ready/));
  await eventually(async () => assert.equal(await rows(a).count(), 2));
  const made = (await stack.server.store.listSites()).find((s) => s.name === 'Trail Shop EU')!;
  // The new site's identity secret, shown once (the create answer is the only time the server gives it).
  assert.match(await $(a, 'site-secret-notice').innerText(), /Trail Shop EU.*not shown again/s);
  assert.equal((await $(a, 'site-secret').innerText()).trim(), made.identitySecret);
  assert.deepEqual(made.allowedOrigins, ['https://eu.trail.example', 'http://localhost:*']);
  const memberships = await stack.server.store.findStaffByEmail(stack.agents.a.email);
  assert.equal(new Set(memberships.map((m) => m.passwordHash)).size, 1, 'one password for both sites');

  await rows(a).filter({ hasText: 'Trail Shop EU' }).locator('[data-testid="site-switch"]').click();
  await eventually(async () => assert.equal((await a.locator('.brand-site').innerText()).trim(), 'Trail Shop EU'));
  await waitLive(a);
  // The new site's settings are this admin's now; its Sites section says where they are.
  await a.goto(`${stack.dashboardUrl}settings/sites`);
  await eventually(async () => assert.match(await rows(a).filter({ hasText: 'Trail Shop EU' }).innerText(), /You are here/));
  assert.deepEqual(errors, []);
});

test('making a site: the button waits while the server works, a refusal shows its code and sentence, then the fixed form succeeds', async () => {
  const { a, errors } = await ownerOnSites();
  // The create request is held until the button was seen disabled: the route waits for the test, not a timer.
  const held = await holdNext(a, '**/api/v1/admin/sites', 'POST');
  await $(a, 'site-name').fill('Harbor Shop');
  await $(a, 'site-origins').fill('harbor shop');
  await $(a, 'site-create').click();
  await eventually(async () => assert.equal(await $(a, 'site-create').isDisabled(), true, 'busy while the server works'));
  held.release();
  const status = $(a, 'sites-status');
  await seesRefusal(status, 'bad_request', /allowedOrigins\[0\]: "harbor" is not an origin/);
  assert.equal(await $(a, 'site-create').isDisabled(), false, 'usable again after the refusal');
  assert.equal((await stack.server.store.listSites()).some((x) => x.name === 'Harbor Shop'), false);

  await $(a, 'site-origins').fill('https://harbor.example');
  assert.equal(await status.count(), 0, 'editing clears the refusal');
  await $(a, 'site-create').click();
  await seesConfirmation(status, /Harbor Shop is ready/);
  assert.equal((await stack.server.store.listSites()).find((x) => x.name === 'Harbor Shop')?.allowedOrigins[0], 'https://harbor.example');
  assert.deepEqual(errors, []);
});

test('an admin of another site, who is not the server owner, gets no form, and the server refuses them too', async () => {
  const { hashPassword } = await import('../../server/auth/passwords.ts');
  const store = stack.server.store;
  const tenantSite = await store.createSite({ name: 'Tenant Co', allowedOrigins: ['https://tenant.example'], identitySecret: 'tenant-identity-secret-0123456789', settings: {} });
  const tenant = { id: '', name: 'Tia Tenant', email: 'tia@tenant.test', password: 'tia-password-123' };
  tenant.id = (await store.createStaff({ siteId: tenantSite.id, email: tenant.email, name: tenant.name, role: 'admin', passwordHash: await hashPassword(tenant.password, { N: 1024, r: 8, p: 1 }) })).id;
  const t = await page();
  await loginDashboard(t, stack.dashboardUrl, tenant);
  await t.goto(`${stack.dashboardUrl}settings/sites`);
  await $(t, 'sites-list').waitFor();
  assert.match(await rows(t).first().innerText(), /Tenant Co[\s\S]*Admin/);
  assert.equal(await $(t, 'site-create-form').count(), 0, 'an admin, but not the owner: no form');
  // Asked directly with their own session, the server says no (not the form's absence alone).
  const { token } = await stack.server.auth.staffLogin(tenant.email, tenant.password);
  const res = await fetch(`${stack.server.url}/api/v1/admin/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Sneaky', allowedOrigins: [], admin: { email: tenant.email, name: 'Tia' } }),
  });
  const answer = (await res.json()) as { code: string; message: string };
  assert.deepEqual([res.status, answer.code], [403, 'forbidden']);
  assert.match(answer.message, /Only the owner of this Parley server creates sites/);
  assert.equal((await store.listSites()).some((s) => s.name === 'Sneaky'), false);
});

test('the owner hands ownership to that admin in the Sites section: they may create sites now, the old owner not', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/sites`);
  const owners = () => a.locator('[data-testid="server-owner"] .site-name').allInnerTexts();
  await eventually(async () => assert.deepEqual(await owners(), [stack.agents.a.email]));
  await $(a, 'server-owner-email').fill('nobody@nowhere.test');
  await $(a, 'server-owner-add').click();
  await seesRefusal($(a, 'server-owners-error'), 'bad_request', /not a member of any site/);
  await $(a, 'server-owner-email').fill('tia@tenant.test');
  await $(a, 'server-owner-add').click();
  await eventually(async () => assert.deepEqual(await owners(), [stack.agents.a.email, 'tia@tenant.test']));

  // Removing asks in place, the action focused, saying whom; Cancel or Escape takes it back (focus on Remove).
  const focused = () => a.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const row = (email: string) => a.locator('[data-testid="server-owner"]').filter({ hasText: email });
  const remove = (email: string) => row(email).locator('[data-testid="server-owner-remove"]');
  await remove('tia@tenant.test').click();
  assert.match(await row('tia@tenant.test').locator('[data-testid="server-owner-remove-question"]').innerText(), /Remove tia@tenant\.test as a server owner\?/);
  await eventually(async () => assert.equal(await focused(), 'server-owner-remove-confirm'));
  await row('tia@tenant.test').locator('[data-testid="server-owner-remove-cancel"]').click();
  await eventually(async () => assert.equal(await focused(), 'server-owner-remove'));
  // Yourself: a hand-over only another owner could undo, so the question says so.
  await remove(stack.agents.a.email).click();
  assert.match(await row(stack.agents.a.email).locator('[data-testid="server-owner-remove-question"]').innerText(), /Remove yourself as a server owner\? .*only another owner can make you one again/);
  await eventually(async () => assert.equal(await focused(), 'server-owner-remove-confirm'));
  await a.keyboard.press('Escape');
  await eventually(async () => assert.equal(await focused(), 'server-owner-remove'));
  assert.deepEqual((await stack.server.store.listServerOwners()).sort(), [stack.agents.a.email, 'tia@tenant.test'].sort(), 'nobody removed');

  // Hand-over: the old owner removes themselves; the form and the owners list go away for them.
  await remove(stack.agents.a.email).click();
  await row(stack.agents.a.email).locator('[data-testid="server-owner-remove-confirm"]').click();
  await eventually(async () => assert.equal(await $(a, 'site-create-form').count(), 0));
  assert.equal(await $(a, 'server-owners').count(), 0);
  assert.deepEqual(await stack.server.store.listServerOwners(), ['tia@tenant.test']);

  const t = await page();
  await loginDashboard(t, stack.dashboardUrl, { id: '', name: 'Tia Tenant', email: 'tia@tenant.test', password: 'tia-password-123' });
  await t.goto(`${stack.dashboardUrl}settings/sites`);
  await $(t, 'site-create-form').waitFor();
  await eventually(async () => assert.deepEqual(await t.locator('[data-testid="server-owner"] .site-name').allInnerTexts(), ['tia@tenant.test']));
  assert.equal(await t.locator('[data-testid="server-owner-remove"]').count(), 0, 'the last owner has no remove button');
});

test('an agent sees their sites but cannot make one', async () => {
  const b = await page();
  await loginDashboard(b, stack.dashboardUrl, stack.agents.b);
  await b.goto(`${stack.dashboardUrl}settings/sites`);
  await $(b, 'sites-list').waitFor();
  assert.equal(await $(b, 'site-create-form').count(), 0);
  assert.match(await rows(b).first().innerText(), /Agent/);
});
