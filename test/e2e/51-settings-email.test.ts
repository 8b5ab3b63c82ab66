import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../server/email/testing/smtp-sink.ts';
import { holdNext, seesConfirmation, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { makeVisitor, staffToken, visitorSays } from './support/dashboard-extra.ts';
import { startStack, type Stack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';

/**
 * Scenario 51: the email settings section (issue 15) against a real SMTP server in process: whether
 * email is on, the site's email setting, and the outbox with each email's state (sent, failed with the
 * server's answer, sent again from the dashboard); and a server without SMTP saying how to turn it on.
 */
const { stack, page } = useStack(async () => {
  const sink = await startSmtpSink();
  const s = await startStack({ email: { smtpUrl: sink.url, from: 'support@acme.test', replyDomain: 'reply.acme.test', delayMs: 120_000, pollMs: 50, retryBaseMs: 50 } });
  const stopStack = s.stop;
  return Object.assign(s, { sink, stop: async () => (await stopStack(), await sink.stop()) }) as Stack & { sink: SmtpSink };
});
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

/** A conversation with a visitor who left this address, and its transcript asked for by an agent. */
async function transcriptTo(address: string, label: string): Promise<void> {
  const v = await makeVisitor(stack.server.store, stack.site.id, { label, email: address });
  const { conversationId } = await visitorSays(stack.server.domain, stack.site.id, v.id, `Question from ${label}`);
  const token = await staffToken(stack.parleyUrl, stack.agents.a);
  const r = await fetch(`${stack.parleyUrl}/api/v1/conversations/${conversationId}/transcript`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200, await r.text());
}

test('email on: how it is set up, the site setting, and the outbox with sent, failed and resent emails', async () => {
  const a = await page();
  const errors = watchErrors(a);
  stack.sink.refuseRecipient('bounce@example.com', 550);
  stack.sink.refuseRecipient('late@example.com', 550);
  await transcriptTo('camper@example.com', 'Amber Fox');
  await transcriptTo('bounce@example.com', 'Calm Heron');
  await transcriptTo('late@example.com', 'Quiet Lynx');
  await stack.sink.waitFor((e) => e.envelope.to.includes('camper@example.com'));

  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/email`);
  const state = $(a, 'email-state');
  await state.waitFor();
  assert.equal(await state.getAttribute('data-enabled'), 'true');
  const text = await state.innerText();
  assert.match(text, /Outbound email is on\./);
  assert.match(text, /Emails come from support@acme\.test\./);
  assert.match(text, /within 2 minutes/);
  assert.match(text, /reply\.acme\.test/);

  // The outbox: the sent one and the refused one, each with its state; the refused one says why.
  const item = (to: string) => a.locator('[data-testid="outbox-item"]').filter({ has: a.locator(`[data-testid="outbox-to"]:text-is("${to}")`) });
  await eventually(async () => {
    await $(a, 'outbox-refresh').click();
    assert.equal(await item('camper@example.com').getAttribute('data-status'), 'sent');
    assert.equal(await item('bounce@example.com').getAttribute('data-status'), 'failed');
    assert.equal(await item('late@example.com').getAttribute('data-status'), 'failed');
  });
  assert.match(await item('bounce@example.com').innerText(), /550/);
  await $(a, 'outbox-filter').selectOption('failed');
  await eventually(async () => assert.deepEqual((await a.locator('[data-testid="outbox-to"]').allInnerTexts()).sort(), ['bounce@example.com', 'late@example.com']));

  // The mailboxes exist now: "send again" delivers it, and says so.
  stack.sink.refuseRecipient('bounce@example.com', 0);
  stack.sink.refuseRecipient('late@example.com', 0);
  const status = $(a, 'outbox-status-line');
  await item('bounce@example.com').locator('[data-testid="outbox-retry"]').click();
  await seesConfirmation(status, /Queued to be sent again/);
  await stack.sink.waitFor((e) => e.envelope.to.includes('bounce@example.com'));

  // This "send again" is held (by the route, no timer) while someone else sends the email again: the
  // button waits, then the server refuses a second retry with its code and sentence.
  const late = await holdNext(a, '**/api/v1/admin/email/outbox/*/retry', 'POST');
  await item('late@example.com').locator('[data-testid="outbox-retry"]').click();
  await eventually(async () => assert.equal(await item('late@example.com').locator('[data-testid="outbox-retry"]').isDisabled(), true, 'busy while the server works'));
  const auth = { authorization: `Bearer ${await staffToken(stack.parleyUrl, stack.agents.a)}` };
  const failed = (await (await fetch(`${stack.parleyUrl}/api/v1/admin/email/outbox?status=failed`, { headers: auth })).json()) as { items: { id: string; to: string }[] };
  const lateId = failed.items.find((m) => m.to === 'late@example.com')!.id;
  const other = await fetch(`${stack.parleyUrl}/api/v1/admin/email/outbox/${lateId}/retry`, { method: 'POST', headers: auth });
  assert.equal(other.status, 200, await other.text());
  await stack.sink.waitFor((e) => e.envelope.to.includes('late@example.com'));
  late.release();
  await seesRefusal(status, 'conflict', /Only failed emails are retried; this one is (queued|sending|sent)\./);

  await $(a, 'outbox-filter').selectOption('sent');
  await eventually(async () => {
    await $(a, 'outbox-refresh').click();
    assert.equal(await item('bounce@example.com').getAttribute('data-status'), 'sent');
    assert.equal(await item('late@example.com').getAttribute('data-status'), 'sent');
  });

  // The site's email setting: when the widget asks for the visitor's address.
  // Held (by the route, no timer) with the choice disabled, then sent on with a mode the server does
  // not know: its refusal shows with the code (it was shown in the green "saved" box); then it saves.
  const odd = await holdNext(a, '**/api/v1/admin/sites/*', 'PATCH', (route, req) =>
    route.continue({ postData: JSON.stringify({ settings: { ...req.postDataJSON().settings, preChatEmail: 'sometimes' } }) }),
  );
  await $(a, 'email-prechat').selectOption('always');
  await eventually(async () => assert.equal(await $(a, 'email-prechat').isDisabled(), true, 'busy while the server works'));
  odd.release();
  await seesRefusal($(a, 'email-saved'), 'bad_request', /settings\.preChatEmail must be off, always or offline\./);
  await $(a, 'email-prechat').selectOption('offline');
  await seesConfirmation($(a, 'email-saved'), /Saved/);
  assert.equal((await stack.server.store.getSite(stack.site.id))!.settings.preChatEmail, 'offline');
  assert.deepEqual(errors, []);
});

test('email off: the section says so, why, and how to turn it on', async () => {
  const off = await startStack();
  try {
    const a = await page();
    await loginDashboard(a, off.dashboardUrl, off.agents.a);
    await a.goto(`${off.dashboardUrl}settings/email`);
    const state = $(a, 'email-state');
    await state.waitFor();
    assert.equal(await state.getAttribute('data-enabled'), 'false');
    assert.equal(await $(a, 'email-reason').innerText(), 'PARLEY_SMTP_URL is not set.');
    assert.match(await state.innerText(), /PARLEY_SMTP_URL=smtp:\/\/user:pass@smtp\.example\.com:587\s+PARLEY_EMAIL_FROM=support@example\.com/);
    await $(a, 'outbox-empty').waitFor();
    await a.goto(`${off.dashboardUrl}settings/account`);
    await $(a, 'account-email-off').waitFor();
    assert.equal(await $(a, 'account-notify-unseen').count(), 0, 'no switch for email that is never sent');
  } finally {
    await off.stop();
  }
});

test('every member turns their own email about unseen visitor messages off and on again', async () => {
  const b = await page();
  const errors = watchErrors(b);
  await loginDashboard(b, stack.dashboardUrl, stack.agents.b);
  await b.goto(`${stack.dashboardUrl}settings/account`);
  const box = $(b, 'account-notify-unseen');
  await box.waitFor();
  assert.equal(await box.isChecked(), true, 'on by default');
  assert.ok((await $(b, 'account-email').innerText()).includes(stack.agents.b.email), 'names the address it goes to');
  const prefs = async () => {
    const token = await staffToken(stack.parleyUrl, stack.agents.b);
    return (await (await fetch(`${stack.parleyUrl}/api/v1/staff/me/email`, { headers: { authorization: `Bearer ${token}` } })).json()) as { notifyUnseen: boolean };
  };
  // The switch waits for the server (held by the route, no timer), showing the box as clicked meanwhile;
  // this answer is a refusal (made up by the route): its sentence and code show, the box goes back.
  const refused = await holdNext(b, '**/api/v1/staff/me/email', 'PUT', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'bad_request', message: 'notifyUnseen must be a boolean.' }) }),
  );
  await box.click();
  await eventually(async () => assert.equal(await box.isDisabled(), true, 'busy while the server works'));
  assert.equal(await box.isChecked(), false, 'as clicked');
  refused.release();
  await seesRefusal($(b, 'account-email-status'), 'bad_request', /notifyUnseen must be a boolean\./);
  assert.equal(await box.isChecked(), true, 'back as the server has it');
  await box.uncheck();
  await seesConfirmation($(b, 'account-email-status'), /^No more of these emails\.$/);
  assert.equal((await prefs()).notifyUnseen, false);
  await b.reload();
  await $(b, 'account-notify-unseen').waitFor();
  assert.equal(await $(b, 'account-notify-unseen').isChecked(), false, 'kept');
  await $(b, 'account-notify-unseen').check();
  await eventually(async () => assert.equal((await $(b, 'account-email-status').innerText()).trim(), 'You will get these emails.'));
  assert.equal((await prefs()).notifyUnseen, true);
  assert.deepEqual(errors, []);
});
