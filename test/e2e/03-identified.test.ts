import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardShows, inboxRow, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 3: a visitor of examples/identified signs in to the site; its backend signs a Parley user
 * token; staff see the verified name and email. A tampered token is refused and the widget says so.
 */
const { stack, page } = useStack();

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#logout').waitFor({ state: 'visible' });
}

test('a signed-in visitor shows up verified, with the anonymous chat carried over', async () => {
  const v = await page();
  const errors = watchErrors(v);

  await v.goto(stack.examples.pages.identified);
  await openWidget(v);
  const before = 'Question before signing in';
  await sendFromWidget(v, before);
  await widgetShows(v, [before]);

  await signIn(v, 'alice@example.com', 'alice');
  // The panel stayed open through the sign-in (the page did not reload).
  await widget(v).input.waitFor({ state: 'visible' });
  await waitConnected(v);
  const afterText = 'Signed in now: where is my order #1042?';
  await sendFromWidget(v, afterText);
  await widgetShows(v, [before, afterText]);

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  // One conversation, now Alice's, carrying both messages.
  await eventually(async () => assert.equal(await dashboard(a).rows.count(), 1));
  const row = inboxRow(a, 'Alice Martin');
  await row.waitFor();
  assert.equal((await row.locator('[data-testid="identity-badge"]').innerText()).trim(), 'Identified');
  await openConversation(a, 'Alice Martin');
  await dashboardShows(a, [before, afterText]);
  const d = dashboard(a);
  await eventually(async () => assert.equal((await d.visitorName.innerText()).trim(), 'Alice Martin'));
  assert.equal((await d.visitorIdentity.innerText()).trim(), 'Identified');
  const email = (await d.visitorEmail.innerText()).replace(/\s+/g, ' ').trim();
  assert.match(email, /alice@example\.com/);
  assert.match(email, /alice@example\.com\s*verified/, 'vouched for by the identity JWT');

  assert.deepEqual(errors, []);
});

test('a tampered user token is refused and the widget says so', async () => {
  const v = await page();
  // Bob edits the token his site handed him to pose as someone else; the signature no longer matches.
  await v.route('**/identified/api/me', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    if (body.parleyToken) {
      const [h, p, s] = String(body.parleyToken).split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      claims.email = 'ceo@acme.test';
      claims.name = 'The CEO';
      body.parleyToken = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    }
    await route.fulfill({ response: res, json: body });
  });
  await v.goto(stack.examples.pages.identified);
  await signIn(v, 'bob@example.com', 'bob');
  await widget(v).launcher.click();
  await eventually(async () =>
    assert.match(await widget(v).offline.innerText(), /couldn.t verify your account/i),
  );
  // Nothing to send while refused.
  assert.equal(await widget(v).send.isDisabled(), true);

  // Staff never see the forged identity.
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.b);
  assert.equal(await inboxRow(a, 'The CEO').count(), 0);
});
