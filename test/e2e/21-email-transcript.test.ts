import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../server/email/testing/smtp-sink.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { startStack, type Stack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget } from './support/widget.ts';

/**
 * Scenario 21: a visitor asks for their conversation by email from the widget (the lazy EmailParts
 * chunk). The address is only typed in, so a confirmation email comes first, with none of the chat in
 * it; its link opens a page whose button sends the transcript, and from then on the address is verified:
 * the next request from the widget sends the transcript at once, and the outbox in the dashboard says
 * "verified" for it. A real SMTP server (smtp-server, in process) receives every email.
 */
const { stack, page } = useStack(async () => {
  const sink = await startSmtpSink();
  const s = await startStack({
    email: { smtpUrl: sink.url, from: 'support@acme.test', replyDomain: 'reply.acme.test', delayMs: 60_000, pollMs: 50, inboundPort: 0, inboundHost: '127.0.0.1' },
  });
  const stopStack = s.stop;
  return Object.assign(s, { sink, stop: async () => (await stopStack(), await sink.stop()) }) as Stack & { sink: SmtpSink };
});

const ADDRESS = 'hiker@example.com';

test('the visitor asks for the transcript in the widget, confirms the typed address by email, and gets it', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const question = 'Which stove works above 3000 m?';
  await sendFromWidget(v, question);
  const $ = (id: string) => v.locator(`[data-testid="${id}"]`);

  // "Email me this conversation": no address yet, so the panel asks for one.
  await $('parley-transcript-open').click();
  await $('parley-transcript').waitFor();
  await $('parley-transcript-email').fill('not an address');
  await $('parley-transcript-submit').click();
  await v.locator('[data-testid="parley-transcript"] [role="alert"]').waitFor();
  await $('parley-transcript-email').fill(ADDRESS);
  await $('parley-transcript-submit').click();
  await eventually(async () => assert.match(await $('parley-transcript-confirm').innerText(), new RegExp(`link to ${ADDRESS.replace('.', '\\.')}`)));

  // The confirmation email: the site's name and a link, none of the visitor's words.
  const confirmation = await stack.sink.waitFor((e) => e.envelope.to.includes(ADDRESS));
  assert.match(confirmation.parsed.subject ?? '', /Confirm your email/);
  assert.ok(!(confirmation.parsed.text ?? '').includes(question) && !String(confirmation.parsed.html).includes(question), 'no chat text to an unconfirmed address');
  const link = /https?:\/\/\S+\/email\/transcript\?t=[\w.%-]+/.exec(confirmation.parsed.text ?? '')?.[0];
  assert.ok(link, confirmation.parsed.text);
  assert.equal(stack.sink.received.filter((e) => e.envelope.to.includes(ADDRESS)).length, 1, 'no transcript before the owner confirms');

  // The owner of the address opens the link: a page that asks, and its button sends.
  const inbox = await page();
  await inbox.goto(link!);
  await inbox.getByRole('button', { name: 'Send it' }).click();
  await eventually(async () => assert.match(await inbox.locator('main').innerText(), new RegExp(`on its way to ${ADDRESS.replace('.', '\\.')}`)));
  const first = await stack.sink.waitFor((e) => e.envelope.to.includes(ADDRESS) && /Your conversation/.test(e.parsed.subject ?? ''));
  assert.ok((first.parsed.text ?? '').includes(question));

  // Verified now: asked again from the widget, the transcript goes at once.
  await $('parley-transcript-close').click();
  const more = 'And does it take butane cartridges?';
  await sendFromWidget(v, more);
  await eventually(async () => assert.ok((await v.locator('[data-testid="parley-message"]').allInnerTexts()).some((t) => t.includes(more))));
  await $('parley-transcript-open').click();
  await eventually(async () => assert.match(await $('parley-transcript-sent').innerText(), new RegExp(`Sent to ${ADDRESS.replace('.', '\\.')}`)));
  const second = await stack.sink.waitFor((e) => e.envelope.to.includes(ADDRESS) && (e.parsed.text ?? '').includes(more));
  assert.match(second.parsed.subject ?? '', /Your conversation/);

  // The admin's outbox says of each of these emails that the address is verified (as of now).
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await a.goto(`${stack.dashboardUrl}settings/email`);
  const rows = a.locator('[data-testid="outbox-item"]').filter({ has: a.locator(`[data-testid="outbox-to"]:text-is("${ADDRESS}")`) });
  await eventually(async () => assert.equal(await rows.count(), 3));
  assert.deepEqual(await rows.locator('[data-testid="outbox-to-proof"]').allInnerTexts(), ['verified', 'verified', 'verified']);
  assert.deepEqual(errors, []);
});
