import assert from 'node:assert/strict';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from '../../server/email/testing/smtp-sink.ts';
import { watchErrors } from './support/browser.ts';
import { dashboardHasMessage, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { startStack, type Stack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget } from './support/widget.ts';

/**
 * Scenario 20: nobody is online, so the widget asks the visitor for their email with their first
 * message; they leave it and close the tab. An agent answers; unread, the answer is emailed (a real
 * SMTP server receives it); the visitor replies to that email, and the reply shows in the dashboard.
 */
const { stack, page } = useStack(async () => {
  const sink = await startSmtpSink();
  const s = await startStack({
    email: { smtpUrl: sink.url, from: 'support@acme.test', replyDomain: 'reply.acme.test', delayMs: 300, pollMs: 50, inboundPort: 0, inboundHost: '127.0.0.1' },
  });
  const stopStack = s.stop;
  return Object.assign(s, { sink, stop: async () => (await stopStack(), await sink.stop()) }) as Stack & { sink: SmtpSink };
});

test('the visitor leaves their email, closes the tab, gets the answer by email and answers by email', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const question = 'Nobody there? My tent pole snapped.';
  await sendFromWidget(v, question);

  // Nobody is online: a card asks for the email (a lazy part of the widget).
  const card = v.locator('[data-testid="parley-email-card"]');
  await card.waitFor();
  await v.locator('[data-testid="parley-email-card-email"]').fill('camper@example.com');
  await v.locator('[data-testid="parley-email-card-submit"]').click();
  await card.waitFor({ state: 'detached' });
  await v.close();

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, question);
  await eventually(async () => assert.match(await a.locator('[data-testid="visitor-email"]').innerText(), /camper@example\.com\s*typed in/));
  const answer = 'Sorry for the wait! A replacement pole is on its way.';
  await reply(a, answer);

  const email = await stack.sink.waitFor((e) => e.envelope.to.includes('camper@example.com') && (e.parsed.text ?? '').includes(answer));
  assert.ok((email.parsed.text ?? '').includes(question), 'the email quotes the conversation');
  const replyTo = email.parsed.replyTo!.value[0].address!;

  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: stack.server.email.inboundPort!, secure: false, ignoreTLS: true });
  const answerByEmail = 'Great, thank you! Can it be the 8.5 mm one?';
  await transport.sendMail({
    from: 'camper@example.com',
    to: replyTo,
    subject: `Re: ${email.parsed.subject}`,
    inReplyTo: email.parsed.messageId,
    references: [email.parsed.messageId!],
    text: `${answerByEmail}\n\nOn Mon, Support <${replyTo}> wrote:\n> ${answer}\n`,
  });
  transport.close();

  await dashboardHasMessage(a, answerByEmail);
  assert.ok(!(await a.locator('[data-testid="message-text"], .bubble').allInnerTexts()).some((t) => t.includes('On Mon, Support')), 'quoted history stripped');
  await eventually(async () => assert.match(await a.locator('[data-testid="visitor-email"]').innerText(), /camper@example\.com\s*verified/));

  // The agent sends the transcript from the dashboard.
  await a.locator('[data-testid="send-transcript"]').click();
  await eventually(async () => assert.match(await a.locator('[data-testid="send-transcript-result"]').innerText(), /camper@example\.com/));
  const transcript = await stack.sink.waitFor((e) => e.envelope.to.includes('camper@example.com') && /Your conversation/.test(e.parsed.subject ?? ''));
  assert.ok((transcript.parsed.text ?? '').includes(answerByEmail), 'the emailed answer is part of the transcript');
  assert.deepEqual(errors, []);
});
