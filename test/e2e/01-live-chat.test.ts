import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { dashboard, inboxRow, loginDashboard, openConversation, reply, rowUnread, waitRowUnread, dashboardHasMessage } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetHasMessage } from './support/widget.ts';

/**
 * Scenario 1: an anonymous visitor writes; two agents see it live with unread 1; agent A replies;
 * the visitor sees the reply; typing indicators both ways; read marks both ways; A's unread
 * clears, B's stays until B reads.
 */
const { stack, page } = useStack();

test('anonymous visitor and two agents chat live', async () => {
  const [v, a, b] = await Promise.all([page(), page(), page()]);
  const errors = [...watchErrors(v), ...watchErrors(a), ...watchErrors(b)];

  await Promise.all([
    loginDashboard(a, stack.dashboardUrl, stack.agents.a),
    loginDashboard(b, stack.dashboardUrl, stack.agents.b),
  ]);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const w = widget(v);

  const first = 'Hi! Do you ship tents to Norway?';
  await sendFromWidget(v, first);
  await widgetHasMessage(v, first);
  // Committed: the clock (pending) becomes a check mark.
  await eventually(async () => assert.equal(await w.status.last().getAttribute('data-status'), 'sent'));

  // Both agents see the new conversation live, with 1 unread, without reloading.
  await Promise.all([waitRowUnread(a, first, 1), waitRowUnread(b, first, 1)]);
  await eventually(async () => assert.match(await dashboard(a).totalUnread.innerText(), /1 unread/));

  // A opens it: A's unread clears, the visitor sees the read mark, B's unread stays.
  await openConversation(a, first);
  await dashboardHasMessage(a, first);
  await waitRowUnread(a, first, 0);
  await eventually(async () => assert.equal(await w.status.last().getAttribute('data-status'), 'read'));
  assert.equal(await w.status.last().getAttribute('aria-label'), 'Read');
  await stays(async () => assert.equal(await rowUnread(b, first), 1), 500);

  // Visitor types: A sees "… is typing…" in the open conversation.
  await w.input.pressSequentially('Also, what about', { delay: 20 });
  await eventually(async () => assert.match(await dashboard(a).typing.innerText(), /is typing/));

  // A types: the visitor sees the agent typing.
  await dashboard(a).composer.pressSequentially('Yes we', { delay: 20 });
  await eventually(async () => assert.match(await w.typing.innerText(), /Ada Lovelace is typing|is typing/));

  const answer = 'Yes, we ship to Norway: 3–5 working days, free over 100 €.';
  await dashboard(a).composer.fill('');
  await reply(a, answer);
  await widgetHasMessage(v, answer);
  // The reply replaces the indicator.
  await eventually(async () => assert.equal(await w.typing.count(), 0));
  // The widget is open and visible, so the visitor has read it: A sees "Seen" under the reply.
  await eventually(async () => assert.equal(await dashboard(a).readMark.count(), 1));
  const seenUnder = await dashboard(a).readMark.locator('xpath=..').locator('.msg-text').innerText();
  assert.equal(seenUnder, answer);

  // The visitor's second message finishes what they were typing.
  await w.input.fill('');
  const second = 'Great, and to Svalbard?';
  await sendFromWidget(v, second);
  await dashboardHasMessage(a, second);
  // A has it open and visible: it is read on arrival. B now has 2 unread until B reads.
  await waitRowUnread(b, second, 2);
  await waitRowUnread(a, second, 0);
  await openConversation(b, second);
  await dashboardHasMessage(b, answer);
  await waitRowUnread(b, second, 0);
  await eventually(async () => assert.match(await dashboard(b).totalUnread.innerText(), /All caught up/));

  assert.deepEqual(errors, []);
});
