import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardHasMessage, inboxRow, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, textsOf } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetHasMessage, widgetShows } from './support/widget.ts';

/**
 * Scenario 80: several conversations per visitor. Alice (signed in to examples/identified) has two
 * conversations and switches between them on her laptop and her phone; a resolved conversation asks
 * for a rating, is read-only, and "Start a new conversation" starts one the agent sees beside it.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

async function signIn(p: Page): Promise<void> {
  await p.goto(stack.examples.pages.identified);
  await p.locator('#email').fill('alice@example.com');
  await p.locator('#password').fill('alice');
  await p.locator('#login-form button[type=submit]').click();
  await p.locator('#logout').waitFor({ state: 'visible' });
}
const listed = (p: Page) => $(p, 'parley-conversation');
/** The system lines of the widget's thread ("Ben Carter marked this resolved"). */
const lines = (p: Page) => $(p, 'parley-timeline-line');
async function showList(p: Page): Promise<void> {
  await $(p, 'parley-list').click();
  await $(p, 'parley-conversations').waitFor();
}

test('a visitor with two conversations switches between them on two devices', async () => {
  const [laptop, phone, agent] = await Promise.all([page(), page(), page()]);
  const errors = [...watchErrors(laptop), ...watchErrors(phone)];
  await signIn(laptop);
  await openWidget(laptop);
  await sendFromWidget(laptop, 'Where is my order #1042?');
  await widgetShows(laptop, ['Where is my order #1042?']);

  // A second topic: the list, "New conversation", an empty chat, the first message starts it.
  await showList(laptop);
  await eventually(async () => assert.equal(await listed(laptop).count(), 1));
  await $(laptop, 'parley-new-conversation').click();
  await widget(laptop).input.waitFor({ state: 'visible' });
  assert.equal(await widget(laptop).messages.count(), 0);
  await sendFromWidget(laptop, 'Also: can I change my address?');
  await widgetShows(laptop, ['Also: can I change my address?']);

  // The agent sees two conversations of one visitor; the visitor panel lists the other one and opens it.
  await loginDashboard(agent, stack.dashboardUrl, stack.agents.b);
  await eventually(async () => assert.equal(await inboxRow(agent, 'Alice Martin').count(), 2));
  await openConversation(agent, 'change my address');
  const earlier = $(agent, 'earlier-conversations').locator('button');
  await eventually(async () => assert.equal(await earlier.count(), 1));
  await earlier.first().click();
  await eventually(async () => assert.match((await textsOf(dashboard(agent).messages)).join('\n'), /order #1042/));
  await reply(agent, 'Your order ships tomorrow.');

  // The phone: the same person, the same two conversations; it opens on the newest (the answered one).
  await signIn(phone);
  await openWidget(phone);
  await widgetShows(phone, ['Where is my order #1042?', 'Your order ships tomorrow.']);
  await showList(phone);
  await eventually(async () => assert.equal(await listed(phone).count(), 2));
  assert.match(await listed(phone).nth(0).innerText(), /ships tomorrow/);
  const addressId = await listed(phone).filter({ hasText: 'change my address' }).getAttribute('data-conversation-id');
  const address = phone.locator(`[data-testid="parley-conversation"][data-conversation-id="${addressId}"]`);
  // A reply in the other conversation shows up in the list, unread, while the phone looks at it
  // (the laptop, where that conversation is open, is closed for now, so it does not read it).
  await widget(laptop).close.click();
  await inboxRow(agent, 'change my address').click();
  await dashboardHasMessage(agent, 'Also: can I change my address?');
  await reply(agent, 'Sure, send us the new one.');
  await dashboardHasMessage(agent, 'Sure, send us the new one.');
  await eventually(async () => assert.match(await address.innerText(), /send us the new one/));
  assert.equal((await address.locator('[data-testid="parley-conversation-unread"]').innerText()).trim(), '1');
  await address.click();
  await widgetShows(phone, ['Also: can I change my address?', 'Sure, send us the new one.']);
  await sendFromWidget(phone, 'It is 5 Elm Street. From my phone.');
  await widgetHasMessage(phone, 'It is 5 Elm Street. From my phone.');

  // The laptop has that conversation open: it follows live. Then it switches to the other one.
  await widget(laptop).launcher.click();
  await widgetShows(laptop, ['Also: can I change my address?', 'Sure, send us the new one.', 'It is 5 Elm Street. From my phone.']);
  await showList(laptop);
  await listed(laptop).filter({ hasText: 'ships tomorrow' }).click();
  await widgetShows(laptop, ['Where is my order #1042?', 'Your order ships tomorrow.']);
  assert.deepEqual(errors, []);
});

test('resolve -> "Ben marked this resolved" -> rating -> a new conversation', async () => {
  const [v, agent] = await Promise.all([page(), page()]);
  const errors = watchErrors(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'My tent zipper broke');
  await loginDashboard(agent, stack.dashboardUrl, stack.agents.b);
  await openConversation(agent, 'tent zipper');
  await reply(agent, 'We will send a new one.');
  await widgetHasMessage(v, 'We will send a new one.');
  await $(agent, 'resolve-button').click();

  // The visitor: who resolved it (a line in the thread), a rating prompt, no composer.
  await eventually(async () => assert.deepEqual(await textsOf(lines(v)), ['Ben Carter marked this resolved']));
  assert.equal((await $(v, 'parley-resolved-line').innerText()).trim(), 'This conversation is resolved.');
  assert.equal(await widget(v).input.count(), 0, 'a resolved conversation is read-only');
  // Send says it waits for a score, and each star is a finger-sized target (44 px), not a 25 px glyph.
  assert.equal(await $(v, 'parley-rate-send').isDisabled(), true);
  assert.ok(Number(await $(v, 'parley-rate-send').evaluate((b) => getComputedStyle(b).opacity)) < 0.6, 'a disabled Send looks disabled');
  for (let n = 1; n <= 5; n++) {
    const b = await $(v, `parley-star-${n}`).boundingBox();
    assert.ok(b && b.width >= 44 && b.height >= 44, `star ${n} is ${b?.width}x${b?.height}`);
  }
  await $(v, 'parley-star-4').click();
  assert.equal(await $(v, 'parley-rate-send').evaluate((b) => getComputedStyle(b).opacity), '1');
  await $(v, 'parley-rate-comment').fill('Quick and kind');
  await $(v, 'parley-rate-send').click();
  await eventually(async () => assert.equal(await $(v, 'parley-rated').getAttribute('data-score'), '4'));
  await eventually(async () => assert.deepEqual(await textsOf(lines(v)), ['Ben Carter marked this resolved', 'You rated this conversation 4 of 5']));

  // The agent sees the rating on the conversation and as a timeline entry, beside "You marked this resolved".
  await eventually(async () => assert.equal(await $(agent, 'conversation-rating').getAttribute('data-score'), '4'));
  await eventually(async () => {
    const entries = await textsOf($(agent, 'timeline-entry'));
    assert.ok(entries.includes('You marked this resolved'), JSON.stringify(entries));
    assert.ok(entries.some((e) => /rated this 4 of 5: “Quick and kind”/.test(e)), JSON.stringify(entries));
  });

  // Changing it: 5 stars.
  await $(v, 'parley-rate-change').click();
  await $(v, 'parley-star-5').click();
  await $(v, 'parley-rate-send').click();
  await eventually(async () => assert.equal(await $(agent, 'conversation-rating').getAttribute('data-score'), '5'));

  // A new conversation: the old one stays resolved, the agent gets a second row for the same visitor.
  await $(v, 'parley-start-new').click();
  await widget(v).input.waitFor({ state: 'visible' });
  assert.equal(await widget(v).messages.count(), 0);
  await sendFromWidget(v, 'Another question: do you ship to Norway?');
  await widgetShows(v, ['Another question: do you ship to Norway?']);
  await $(agent, 'status-filter').selectOption('');
  const rows = dashboard(agent).rows;
  await eventually(async () => assert.equal(await rows.filter({ hasText: 'ship to Norway' }).getAttribute('data-status'), 'open'));
  assert.equal(await rows.filter({ hasText: 'We will send a new one' }).getAttribute('data-status'), 'resolved');
  assert.deepEqual(errors, []);
});

test("the visitor's thread says who joined, resolved and reopened it, between the messages, after a reload too; snoozes stay out", async () => {
  const [v, agent] = await Promise.all([page(), page()]);
  const errors = watchErrors(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'My stove will not light');
  await loginDashboard(agent, stack.dashboardUrl, stack.agents.b);
  await openConversation(agent, 'stove will not light');
  await $(agent, 'assign-me').click();
  await eventually(async () => assert.deepEqual(await textsOf(lines(v)), ['Ben Carter joined the conversation']));
  await reply(agent, 'Is the valve open?');
  await widgetHasMessage(v, 'Is the valve open?');
  // A snooze and its end are the team's business: the visitor's thread shows neither.
  await $(agent, 'snooze-button').click();
  await $(agent, 'snooze-menu').locator('[role=menuitem]').first().click();
  await eventually(async () => assert.equal(await $(agent, 'conversation-status').getAttribute('data-status'), 'snoozed'));
  await $(agent, 'status-select').selectOption('open');
  await eventually(async () => assert.equal(await $(agent, 'conversation-status').getAttribute('data-status'), 'open'));
  await $(agent, 'resolve-button').click();
  await eventually(async () => assert.deepEqual(await textsOf(lines(v)), ['Ben Carter joined the conversation', 'Ben Carter marked this resolved']));
  await $(agent, 'reopen-button').click();
  await eventually(async () => assert.equal((await textsOf(lines(v))).at(-1), 'Ben Carter reopened this conversation'));
  await widget(v).input.waitFor({ state: 'visible' });
  await sendFromWidget(v, 'It was closed, thanks!');
  await widgetHasMessage(v, 'It was closed, thanks!');

  // A reload reads the same lines from the history, in their places between the messages.
  const thread = async () => textsOf(v.locator('[data-testid="parley-message"], [data-testid="parley-timeline-line"]'));
  const expected = [
    'My stove will not light',
    'Ben Carter joined the conversation',
    'Is the valve open?',
    'Ben Carter marked this resolved',
    'Ben Carter reopened this conversation',
    'It was closed, thanks!',
  ];
  await eventually(async () => assert.deepEqual(await thread(), expected));
  await v.reload();
  await openWidget(v);
  await eventually(async () => assert.deepEqual(await thread(), expected));
  assert.deepEqual(errors, []);
});
