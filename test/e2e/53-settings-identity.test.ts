import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, waitConnected } from './support/widget.ts';

/**
 * Scenario 53: identity verification in the settings. The secret is shown once, at a rotation; the
 * site's backend still signing with the old one keeps working through the grace period; "require
 * identified visitors" keeps anonymous visitors out while identified users chat.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('rotating shows the new secret once; the old one keeps identified visitors signed in during the grace period', async () => {
  const a = await page({ permissions: ['clipboard-read', 'clipboard-write'] });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/identity`);
  assert.match(await $(a, 'identity-hint').innerText(), new RegExp(`…${stack.identitySecret.slice(-4)}\\.`));
  // Rotating asks in place (ConfirmAction): the question with the action focused; Escape takes it back.
  await $(a, 'identity-rotate').click();
  assert.match(await $(a, 'identity-rotate-question').innerText(), /Rotate the identity secret\?/);
  assert.ok(await $(a, 'identity-rotate-confirm').evaluate((el) => el === document.activeElement), 'the action is focused');
  await a.keyboard.press('Escape');
  assert.ok(await $(a, 'identity-rotate').evaluate((el) => el === document.activeElement), 'focus back on Rotate');
  assert.equal((await stack.server.store.getSite(stack.site.id))!.identitySecret, stack.identitySecret, 'nothing rotated yet');
  await $(a, 'identity-rotate').click();
  await $(a, 'identity-rotate-confirm').click();
  const secret = (await $(a, 'identity-secret').innerText()).trim();
  assert.match(secret, /^\S{32,}$/);
  assert.notEqual(secret, stack.identitySecret);
  await $(a, 'identity-secret-copy').click();
  assert.equal(await a.evaluate(() => navigator.clipboard.readText()), secret);
  await a.reload();
  await $(a, 'identity-hint').waitFor();
  assert.equal(await $(a, 'identity-secret').count(), 0, 'not shown again');
  assert.match(await $(a, 'identity-hint').innerText(), new RegExp(`…${secret.slice(-4).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
  assert.match(await $(a, 'identity-grace').innerText(), /previous secret still works until/);
  // The example backend still signs with the old secret: within the grace period the user chats.
  const v = await page();
  await v.goto(stack.examples.pages.identified);
  await openWidget(v);
  await waitConnected(v);
});

test('"require identified visitors" keeps anonymous visitors out, and lets them back when turned off', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/identity`);
  await $(a, 'identity-require').check();
  await eventually(async () => assert.match(await $(a, 'identity-status').innerText(), /Only identified visitors/));
  const anon = await page();
  await anon.goto(stack.examples.pages.anonymous);
  await anon.locator('[data-testid="parley-launcher"]').click();
  await anon.locator('[data-testid="parley-root"][data-connection="error"]').waitFor({ state: 'attached' });
  await $(a, 'identity-require').uncheck();
  await eventually(async () => assert.match(await $(a, 'identity-status').innerText(), /Anonymous visitors can chat again/));
  const back = await page();
  await back.goto(stack.examples.pages.anonymous);
  await openWidget(back);
  await waitConnected(back);
});
