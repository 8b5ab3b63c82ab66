import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { WEBHOOK_EVENTS } from '../../protocol/webhook-kinds.ts';
import { startReceiver } from '../../server/webhooks/testing/receiver.ts';
import { holdNext, seesConfirmation, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { makeVisitor, visitorSays } from './support/dashboard-extra.ts';
import { startStack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';

/**
 * Scenario 40: the API tokens and Webhooks settings sections (issue 10). An admin makes a token, sees
 * its secret once, a server uses it, the admin revokes it and the server is refused; the admin adds a
 * webhook to a real local receiver, sends a test, watches a failed delivery in the log and resends it.
 */
const { stack, page } = useStack(() => startStack({ webhooks: { allowPrivate: true, pollMs: 50, retryBaseMs: 50, retryForMs: 300, timeoutMs: 2000 } }));
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('API tokens: made with scopes, the secret shown once and working, revoked and refused', async () => {
  const a = await page();
  const errors = watchErrors(a);
  // Revoking asks in place: a browser dialog would be a regression (it freezes the page).
  const dialogs: string[] = [];
  a.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/api-tokens`);
  await $(a, 'tokens-empty').waitFor();
  await $(a, 'token-name').fill('CRM sync');
  await $(a, 'token-scope-write').check();
  // The first try is held until the button was seen disabled (no timer), then reaches the server with a
  // name longer than the form allows: the server's refusal shows with its code, and the form works again.
  const tooLong = await holdNext(a, '**/api/v1/admin/api-tokens', 'POST', (route, req) => route.continue({ postData: JSON.stringify({ ...req.postDataJSON(), name: 'x'.repeat(201) }) }));
  await $(a, 'token-create').click();
  await eventually(async () => assert.equal(await $(a, 'token-create').isDisabled(), true, 'busy while the server works'));
  tooLong.release();
  await seesRefusal($(a, 'tokens-status'), 'bad_request', /name must have at most 200 characters/);
  assert.equal(await $(a, 'token-create').isDisabled(), false, 'usable again after the refusal');
  await $(a, 'token-create').click();
  const secret = (await $(a, 'token-secret').innerText()).trim();
  assert.match(secret, /^prl_[\w-]{43}$/);

  const list = () => fetch(`${stack.parleyUrl}/api/v1/conversations`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal((await list()).status, 200, 'a server can use it');
  const token = a.locator('[data-testid="token"][data-name="CRM sync"]');
  assert.match(await token.innerText(), /Read, Write/);
  assert.match(await token.innerText(), new RegExp(`…${secret.slice(-4)}`));

  await $(a, 'token-secret-done').click();
  await a.reload();
  await token.waitFor();
  assert.equal(await $(a, 'token-secret').count(), 0, 'the secret is not shown again');
  assert.ok(!(await a.content()).includes(secret.slice(4)), 'nor anywhere on the page');

  await token.locator('[data-testid="token-revoke"]').click();
  await token.locator('[data-testid="token-revoke-confirm"]').click();
  await eventually(async () => assert.equal(await token.getAttribute('data-revoked'), 'true'));
  await seesConfirmation($(a, 'tokens-status'), /“CRM sync” is revoked/);
  assert.equal((await list()).status, 401, 'refused once revoked');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
});

test('webhooks: add one, send a test, a failed delivery shows the receiver\'s answer, resend delivers it', async () => {
  let answer = 200;
  const rx = await startReceiver(() => answer);
  try {
    const a = await page();
    const errors = watchErrors(a);
    await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
    await a.goto(`${stack.dashboardUrl}settings/webhooks`);
    await $(a, 'hooks-empty').waitFor();
    // Not an http(s) URL (the browser's url field takes it): the server refuses it, with its code.
    await $(a, 'hook-url').fill('ftp://crm.example/parley');
    await $(a, 'hook-add').click();
    await seesRefusal($(a, 'hooks-status'), 'bad_request', /url must be an http\(s\) URL/);
    await $(a, 'hook-url').fill(rx.url);
    assert.equal(await $(a, 'hooks-status').count(), 0, 'editing clears the refusal');
    const offered = await a.locator('[data-testid^="hook-event-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.slice('hook-event-'.length)));
    assert.deepEqual(offered, [...WEBHOOK_EVENTS], 'every kind the server delivers');
    await $(a, 'hook-event-conversation.created').check();
    await $(a, 'hook-add').click();
    const hook = a.locator(`[data-testid="hook"][data-url="${rx.url}"]`);
    await hook.waitFor();
    assert.match(await hook.locator('[data-testid="hook-secret"]').innerText(), /^whsec_/);

    await hook.locator('[data-testid="hook-test"]').click();
    await seesConfirmation($(a, 'hooks-status'), /Test sent/);
    await eventually(() => assert.equal(rx.ofType('webhook.test').length, 1));
    const delivery = (kind: string) => hook.locator(`[data-testid="delivery"][data-kind="${kind}"]`);
    await eventually(async () => {
      await hook.locator('[data-testid="delivery-refresh"]').click();
      assert.equal(await delivery('webhook.test').getAttribute('data-status'), 'delivered');
    });
    assert.match(await delivery('webhook.test').innerText(), /answered 200/);

    answer = 500;
    const v = await makeVisitor(stack.server.store, stack.site.id, { label: 'Brave Owl' });
    await visitorSays(stack.server.domain, stack.site.id, v.id, 'Hello from a visitor');
    await eventually(async () => {
      await hook.locator('[data-testid="delivery-refresh"]').click();
      assert.equal(await delivery('message.created').getAttribute('data-status'), 'failed');
    });
    assert.match(await delivery('message.created').innerText(), /answered 500/);
    await eventually(async () => {
      await a.reload();
      assert.equal(await hook.getAttribute('data-status'), 'failing');
    });

    answer = 200;
    await hook.locator('[data-testid="hook-log-toggle"]').click();
    await delivery('message.created').locator('[data-testid="delivery-resend"]').click();
    await seesConfirmation(hook.locator('[data-testid="delivery-status-line"]'), /Queued to be delivered again/);
    await eventually(async () => {
      await hook.locator('[data-testid="delivery-refresh"]').click();
      assert.equal(await delivery('message.created').getAttribute('data-status'), 'delivered');
    });
    assert.equal(rx.ofType('message.created').at(-1)!.json.data.message.text, 'Hello from a visitor');

    await hook.locator('[data-testid="hook-delete"]').click();
    await hook.locator('[data-testid="hook-delete-confirm"]').click();
    await seesConfirmation($(a, 'hooks-status'), new RegExp(`Webhook to ${rx.url.replace(/[.:/]/g, '\\$&')} deleted`));
    await $(a, 'hooks-empty').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await rx.close();
  }
});
