import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesConfirmation, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardHasMessage, inboxRow, loginDashboard, openConversation, reply, rowUnread, threadTexts, waitLive, waitRowUnread } from './support/dashboard.ts';
import {
  makeBigSite, makeVisitor, notifications, seedLongConversation, seedManyConversations, setHidden, staffToken, tones, visitorSays, watchAttention,
} from './support/dashboard-extra.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetHasMessage } from './support/widget.ts';

/**
 * Scenario 13: staff triage, each point of the dashboard issue with two agents (A, B) and several
 * visitors at once: login/logout and availability, the live inbox (order, labels, badges, unread,
 * assignee, presence), views, status filter, search, tab title/favicon/notifications, history
 * paging, canned responses, notes, assignment, status, deletion, unread across tabs, a 10,000
 * conversation inbox and a 5,000 message thread, and the keyboard.
 */
const { stack, person, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const store = () => stack.server.store;
const siteId = () => stack.site.id;
const say = (visitorId: string, text: string) => visitorSays(stack.server.domain, siteId(), visitorId, text);
const availabilityOf = async (v: Page) => (await $(v, 'parley-availability').getAttribute('data-availability')) ?? '';

test('login, availability the visitor sees, logout revokes the session', async () => {
  const [a, v] = await Promise.all([page(), page()]);
  const errors = [...watchErrors(a), ...watchErrors(v)];
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);

  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await eventually(async () => assert.equal(await availabilityOf(v), 'online'));
  for (const status of ['away', 'busy', 'online']) {
    await $(a, 'availability-select').selectOption(status);
    await eventually(async () => assert.equal(await availabilityOf(v), status));
  }

  // The session is the browser's httpOnly cookie (no token reaches the page): ask with that browser's cookies.
  const me = async () => ({ status: (await a.context().request.get(`${stack.parleyUrl}/api/v1/staff/me`)).status() });
  assert.equal((await me()).status, 200);
  await $(a, 'logout-button').click();
  await $(a, 'login-form').waitFor({ state: 'visible' });
  assert.equal(await $(a, 'connection-indicator').count(), 0);
  assert.equal((await me()).status, 401);
  // With A gone, the visitor is told nobody is online.
  await eventually(async () => assert.notEqual(await availabilityOf(v), 'online'));
  assert.deepEqual(errors, []);
});

test('live inbox: order, names, badges, unread per agent, assignee, presence, views, status, search', async () => {
  const [a, b, v] = await Promise.all([page(), page(), page()]);
  const errors = [...watchErrors(a), ...watchErrors(b), ...watchErrors(v)];
  await Promise.all([loginDashboard(a, stack.dashboardUrl, stack.agents.a), loginDashboard(b, stack.dashboardUrl, stack.agents.b)]);
  for (const p of [a, b]) await $(p, 'status-filter').selectOption(''); // every status: rows must not leave on a change
  const fox = await makeVisitor(store(), siteId(), { label: 'Amber Fox' });
  const grace = await makeVisitor(store(), siteId(), { label: 'Calm Heron', name: 'Grace Hopper', email: 'grace@navy.test' });
  const foxConv = await say(fox.id, 'Do your stoves work at altitude?');
  const graceConv = await say(grace.id, 'Where is my order 77? xylophone');
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Widget visitor asks about tents');
  await widgetHasMessage(v, 'Widget visitor asks about tents');

  // Newest activity first, live on both agents.
  for (const p of [a, b]) {
    await eventually(async () => assert.match(await dashboard(p).rows.first().innerText(), /Widget visitor asks about tents/));
    await waitRowUnread(p, 'Amber Fox', 1);
  }
  const foxRow = inboxRow(a, 'Amber Fox');
  assert.equal((await foxRow.locator('[data-testid="identity-badge"]').innerText()).trim(), 'Anonymous');
  const graceRow = inboxRow(a, 'Grace Hopper');
  assert.equal((await graceRow.locator('[data-testid="identity-badge"]').innerText()).trim(), 'Identified');
  assert.match(await graceRow.locator('[data-testid="row-preview"]').innerText(), /Where is my order 77/);
  assert.equal((await foxRow.locator('[data-testid="row-assignee"]').innerText()).trim(), 'Unassigned');
  // Only the widget's visitor is connected: the online dot is theirs alone.
  const widgetRow = inboxRow(a, 'Widget visitor asks about tents');
  await widgetRow.locator('[data-testid="visitor-online"]').waitFor();
  assert.equal(await foxRow.locator('[data-testid="visitor-online"]').count(), 0);

  // A new message moves Amber Fox to the top, preview updated, unread 2 for both agents.
  await say(fox.id, 'Also: do you rent them?');
  for (const p of [a, b]) {
    await eventually(async () => assert.equal(await dashboard(p).rows.first().getAttribute('data-conversation-id'), foxConv.conversationId));
    await waitRowUnread(p, 'Amber Fox', 2);
  }
  assert.match(await foxRow.locator('[data-testid="row-preview"]').innerText(), /do you rent them/);

  // The visitor leaves: the dot goes out once the offline grace (3 s, config.visitorOfflineGraceMs) has passed.
  await v.close();
  await eventually(async () => assert.equal(await widgetRow.locator('[data-testid="visitor-online"]').count(), 0));

  // A reads Amber Fox: A's unread clears, B's stays. B waits in "Mine"; A assigns it to B.
  await $(b, 'view-mine').click();
  await eventually(async () => assert.equal(await dashboard(b).rows.count(), 0));
  await openConversation(a, 'Amber Fox');
  await waitRowUnread(a, 'Amber Fox', 0);
  await $(a, 'assignee-select').selectOption(stack.agents.b.id);
  await eventually(async () => assert.equal(await dashboard(b).rows.count(), 1));
  await waitRowUnread(b, 'Amber Fox', 2);
  assert.equal((await inboxRow(b, 'Amber Fox').locator('[data-testid="row-assignee"]').innerText()).trim(), 'You');
  await eventually(async () => assert.equal((await foxRow.locator('[data-testid="row-assignee"]').innerText()).trim(), stack.agents.b.name));

  // Unassigned on A: everything but Amber Fox. All: everything.
  await $(a, 'view-unassigned').click();
  await eventually(async () => assert.equal(await inboxRow(a, 'Amber Fox').count(), 0));
  await inboxRow(a, 'Grace Hopper').waitFor();
  await $(a, 'view-all').click();
  await inboxRow(a, 'Amber Fox').waitFor();

  // Status changes are live for B (row and open thread); the status filter narrows A's list.
  await openConversation(b, 'Amber Fox');
  await $(a, 'status-select').selectOption('pending');
  await eventually(async () => assert.equal(await $(b, 'conversation-status').getAttribute('data-status'), 'pending'));
  await eventually(async () => assert.equal(await inboxRow(b, 'Amber Fox').getAttribute('data-status'), 'pending'));
  await openConversation(a, 'Grace Hopper');
  await $(a, 'status-select').selectOption('snoozed');
  await openConversation(a, 'Widget visitor asks about tents');
  await $(a, 'resolve-button').click();
  const only = async (status: string, expected: string[]) => {
    await $(a, 'status-filter').selectOption(status);
    await eventually(async () => {
      const ids = await dashboard(a).rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
      assert.deepEqual(ids.sort(), [...expected].sort(), `status ${status}`);
    });
  };
  const widgetId = (await widgetRow.getAttribute('data-conversation-id'))!;
  await only('pending', [foxConv.conversationId]);
  await only('snoozed', [graceConv.conversationId]);
  await only('resolved', [widgetId]);
  await only('open', []);

  // Full-text search finds the message by a word in it.
  await $(a, 'status-filter').selectOption('');
  await $(a, 'inbox-search').fill('xylophone');
  await $(a, 'inbox-search').press('Enter');
  await eventually(async () => assert.match(await $(a, 'search-hits').innerText(), /order 77/));
  await eventually(async () => assert.deepEqual(await dashboard(a).rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id'))), [graceConv.conversationId]));

  // The visitor's name finds their conversation too (no message says "Hopper"), the match marked in the row; so does the address.
  const rowIds = () => dashboard(a).rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
  await $(a, 'inbox-search').fill('hopper');
  await $(a, 'inbox-search').press('Enter');
  await eventually(async () => assert.deepEqual(await rowIds(), [graceConv.conversationId]));
  assert.equal(await inboxRow(a, 'Grace Hopper').locator('[data-testid="row-name"] mark').innerText(), 'Hopper');
  await $(a, 'inbox-search').fill('grace@navy.test');
  await $(a, 'inbox-search').press('Enter');
  await eventually(async () => assert.equal(await inboxRow(a, 'Grace Hopper').locator('[data-testid="row-email"]').innerText(), 'grace@navy.test'));
  assert.deepEqual(await rowIds(), [graceConv.conversationId]);
  assert.deepEqual(errors, []);
});

test('tab title, favicon badge, a desktop notification and a sound while hidden; each can be switched off', async () => {
  const ctx = await person({ permissions: ['notifications'] });
  const a = await ctx.newPage();
  await watchAttention(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const favicon = () => a.locator('link[rel="icon"]').getAttribute('href');
  const total0 = Number(await dashboard(a).totalUnread.getAttribute('data-count'));
  const icon0 = await favicon();

  await setHidden(a, true);
  const heron = await makeVisitor(store(), siteId(), { label: 'Swift Heron' });
  await say(heron.id, 'Hidden tab hello');
  const total1 = total0 + 1;
  await eventually(async () => assert.equal(await a.title(), `(${total1}) Parley Inbox`));
  await eventually(async () => {
    const href = (await favicon()) ?? '';
    assert.match(href, /^data:image\/png/);
    assert.notEqual(href, icon0);
  });
  await eventually(async () => assert.deepEqual((await notifications(a)).map((n) => n.body), ['Hidden tab hello']));
  assert.match((await notifications(a))[0].title, /New conversation: Swift Heron/);
  await eventually(async () => assert.equal(await tones(a), 2, 'one beep: two tones'));

  /** Clicks a top-bar switch that is on and checks it says off. */
  const switchOff = async (testId: string) => {
    const toggle = $(a, testId);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  };

  // Desktop notifications switched off: the title still counts and the sound still plays, no new notification.
  await switchOff('toggle-desktop-notifications');
  await say(heron.id, 'Second while hidden');
  await eventually(async () => assert.equal(await a.title(), `(${total1 + 1}) Parley Inbox`));
  await eventually(async () => assert.equal(await tones(a), 4, 'the sound is switched separately'));
  await stays(async () => assert.equal((await notifications(a)).length, 1), 600);

  // Sound switched off too: nothing but the count.
  await switchOff('toggle-sound');
  await say(heron.id, 'Third while hidden');
  await eventually(async () => assert.equal(await a.title(), `(${total1 + 2}) Parley Inbox`));
  await stays(async () => assert.equal(await tones(a), 4), 600);
  assert.equal((await notifications(a)).length, 1);
});

test('conversation: canned response, private note, deletion live, unread per agent across tabs', async () => {
  await store().createCanned({ siteId: siteId(), shortcut: 'ship', text: 'We ship within 2 working days.' });
  const v = await page();
  const agentA = await person();
  const [a1, a2, b] = [await agentA.newPage(), await agentA.newPage(), await page()];
  const errors = [...watchErrors(v), ...watchErrors(a1), ...watchErrors(a2), ...watchErrors(b)];
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const ask = 'Canned test: how fast is shipping?';
  await sendFromWidget(v, ask);
  await loginDashboard(a1, stack.dashboardUrl, stack.agents.a);
  await a2.goto(stack.dashboardUrl); // same browser profile: the session carries over
  await waitLive(a2);
  await loginDashboard(b, stack.dashboardUrl, stack.agents.b);
  for (const p of [a1, a2, b]) await waitRowUnread(p, ask, 1);

  // A reads in tab 1: clears in both of A's tabs; B's stays.
  await openConversation(a1, ask);
  await waitRowUnread(a1, ask, 0);
  await waitRowUnread(a2, ask, 0);
  await stays(async () => assert.equal(await rowUnread(b, ask), 1), 400);
  await openConversation(b, ask);

  // `/ship` offers the canned response; Enter inserts it, Enter sends it to the visitor.
  await dashboard(a1).composer.pressSequentially('/ship');
  await $(a1, 'canned-popup').waitFor();
  await dashboard(a1).composer.press('Enter');
  assert.equal(await dashboard(a1).composer.inputValue(), 'We ship within 2 working days.');
  await dashboard(a1).composer.press('Enter');
  await widgetHasMessage(v, 'We ship within 2 working days.');

  // A private note: B sees it as a note, the visitor never does.
  const note = 'Private: VIP customer, be generous';
  await $(a1, 'note-toggle').click();
  await reply(a1, note);
  await dashboardHasMessage(b, note);
  await b.locator('[data-testid="message"]', { hasText: note }).locator('[data-testid="note-label"]').waitFor();
  await $(a1, 'reply-toggle').click();
  await reply(a1, 'After the note');
  await widgetHasMessage(v, 'After the note');
  assert.ok(!(await widget(v).messages.allInnerTexts()).some((t) => t.includes('VIP customer')), 'the visitor must never see the note');

  // A deletes the visitor's typo: gone for the visitor and for B, live.
  const typo = 'Typo message with my phone 555-0100';
  await sendFromWidget(v, typo);
  await dashboardHasMessage(a1, typo);
  await dashboardHasMessage(b, typo);
  const bubble = a1.locator('[data-testid="message"]', { hasText: typo });
  const focused = () => a1.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  // It asks in place, the action focused; Escape takes it back, focus on the delete button again.
  const del = bubble.locator('[data-testid="delete-message"]');
  await del.click();
  assert.match(await bubble.locator('[data-testid="delete-message-question"]').innerText(), /Delete this message for everyone\?/);
  await eventually(async () => assert.equal(await focused(), 'delete-message-confirm'));
  await a1.keyboard.press('Escape');
  await del.waitFor();
  await eventually(async () => assert.equal(await focused(), 'delete-message'));
  assert.equal(await bubble.getAttribute('data-deleted'), 'false', 'nothing deleted');
  // Then it deletes; the button waits while the request is held (by the route, no timer).
  const held = await holdNext(a1, '**/api/v1/conversations/*/messages/*', 'DELETE');
  await del.click();
  await bubble.locator('[data-testid="delete-message-cancel"]').waitFor();
  await bubble.locator('[data-testid="delete-message-confirm"]').click();
  await eventually(async () => assert.equal(await del.isDisabled(), true, 'busy while the server works'));
  held.release();
  await eventually(async () => assert.ok(!(await widget(v).messages.allInnerTexts()).some((t) => t.includes('555-0100')), 'visitor still sees it'));
  await eventually(async () => assert.ok(!(await threadTexts(b)).includes(typo), 'B still sees it'));
  assert.deepEqual(errors, []);
});

test('canned responses dialog: adding waits for the server, a taken shortcut is refused with its code, then added and deleted', async () => {
  await store().createCanned({ siteId: siteId(), shortcut: 'hours', text: 'We answer 9 to 5.' });
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await $(a, 'canned-settings-button').click();
  const dialog = $(a, 'canned-dialog');
  await dialog.locator('[data-testid="canned-item"]', { hasText: '/hours' }).waitFor();
  const status = $(a, 'canned-status');
  await $(a, 'canned-shortcut').fill('/hours');
  await $(a, 'canned-text').fill('Open all day.');
  // Held by the route until the button was seen disabled (no timer); the server then refuses it.
  const held = await holdNext(a, '**/api/v1/canned-responses', 'POST');
  await $(a, 'canned-add').click();
  await eventually(async () => assert.equal(await $(a, 'canned-add').isDisabled(), true, 'busy while the server works'));
  held.release();
  await seesRefusal(status, 'conflict', /A canned response with this shortcut already exists\./);
  assert.equal(await $(a, 'canned-shortcut').inputValue(), '/hours', 'the form is kept to fix');

  await $(a, 'canned-shortcut').fill('/weekend');
  await $(a, 'canned-add').click();
  await seesConfirmation(status, /Added \/weekend\./);
  const added = dialog.locator('[data-testid="canned-item"]', { hasText: '/weekend' });
  await added.waitFor();
  assert.equal(await $(a, 'canned-shortcut').inputValue(), '', 'cleared after it was added');
  await added.locator('[data-testid="canned-delete"]').click();
  await seesConfirmation(status, /Deleted \/weekend\./);
  await added.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('keyboard: j/k move, r focuses reply, e resolves, ? lists them', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  for (const label of ['Key One', 'Key Two', 'Key Three']) await say((await makeVisitor(store(), siteId(), { label })).id, `Keyboard ${label}`);
  // All three rows first: a row arriving later would go on top and shift the others under the keys.
  for (const label of ['Key One', 'Key Two', 'Key Three']) await inboxRow(a, label).waitFor();
  const current = () => a.locator('[data-testid="inbox-row"][aria-current="true"]').getAttribute('data-conversation-id');
  const idAt = (i: number) => dashboard(a).rows.nth(i).getAttribute('data-conversation-id');
  await a.keyboard.press('j');
  await eventually(async () => assert.equal(await current(), await idAt(0)));
  await a.keyboard.press('j');
  await eventually(async () => assert.equal(await current(), await idAt(1)));
  await a.keyboard.press('k');
  await eventually(async () => assert.equal(await current(), await idAt(0)));
  await dashboard(a).composer.waitFor();
  await a.keyboard.press('r');
  await eventually(async () => assert.equal(await a.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'composer'));
  await a.keyboard.press('Escape');
  await a.keyboard.press('e');
  await eventually(async () => assert.equal(await $(a, 'conversation-status').getAttribute('data-status'), 'resolved'));
  await a.keyboard.press('?');
  const help = $(a, 'help-overlay');
  await help.waitFor();
  const text = await help.innerText();
  for (const want of [/\bj\b/, /\bk\b/, /\br\b/, /\be\b/, /Next conversation/, /Previous conversation/, /reply/i, /Resolve/]) assert.match(text, want);
});

test('a reply half written stays with its conversation while the agent looks at others', async () => {
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  for (const label of ['Draft Owl', 'Draft Lark']) await say((await makeVisitor(store(), siteId(), { label })).id, `Question from ${label}`);
  const d = dashboard(a);
  await openConversation(a, 'Draft Owl');
  const half = 'Your refund for order 1234 is approved, you will see it';
  await d.composer.fill(half);
  // A look at the other conversation: its composer is empty (the draft is not for that visitor)…
  await openConversation(a, 'Draft Lark');
  await eventually(async () => assert.equal(await d.title.innerText(), 'Draft Lark'));
  assert.equal(await d.composer.inputValue(), '');
  await d.composer.fill('Hi Lark');
  // …and back: the reply is where the agent left it, and goes out once finished.
  await openConversation(a, 'Draft Owl');
  await eventually(async () => assert.equal(await d.title.innerText(), 'Draft Owl'));
  assert.equal(await d.composer.inputValue(), half);
  await d.composer.press('End');
  await d.composer.pressSequentially(' within 3 days.');
  await d.composer.press('Enter');
  await dashboardHasMessage(a, `${half} within 3 days.`);
  assert.equal(await d.composer.inputValue(), '', 'sent: the draft is gone');
  await openConversation(a, 'Draft Lark');
  await eventually(async () => assert.equal(await d.composer.inputValue(), 'Hi Lark'));
  await openConversation(a, 'Draft Owl');
  await eventually(async () => assert.equal(await d.title.innerText(), 'Draft Owl'));
  assert.equal(await d.composer.inputValue(), '');
  assert.deepEqual(errors, []);
});

test('10,000 conversations: few rows in the DOM, more on scroll; a 5,000 message thread opens on its latest page', async () => {
  const big = await makeBigSite(store());
  await seedManyConversations(store(), big.siteId, 10_000);
  const long = await seedLongConversation(store(), big.siteId, 5_000);
  const c = await page();
  await loginDashboard(c, stack.dashboardUrl, big.agent);
  const list = $(c, 'inbox-list');
  await dashboard(c).rows.first().waitFor();
  const rendered = await dashboard(c).rows.count();
  assert.ok(rendered > 0 && rendered < 100, `rendered ${rendered} rows`);
  const loaded0 = Number(await list.getAttribute('data-count'));
  assert.ok(loaded0 < 10_000, `the first page is a page, not ${loaded0}`);
  let loaded = loaded0;
  for (let i = 0; i < 4; i++) {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    loaded = await eventually(async () => {
      const now = Number(await list.getAttribute('data-count'));
      assert.ok(now > loaded, `scrolling deep loads more (still ${now})`);
      return now;
    });
  }
  assert.ok((await dashboard(c).rows.count()) < 100);
  await list.evaluate((el) => el.scrollTo(0, 0));

  await openConversation(c, long.visitor);
  const msg = (seq: number) => c.locator(`[data-testid="message"][data-seq="${seq}"]`);
  await msg(5_000).waitFor({ state: 'visible' });
  assert.equal(await msg(1).count(), 0);
  const seqs = () => dashboard(c).messages.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  const first = Math.min(...(await seqs()));
  assert.ok((await dashboard(c).messages.count()) < 1_000);
  await $(c, 'message-list').evaluate((el) => el.scrollTo(0, 0));
  await eventually(async () => assert.ok(Math.min(...(await seqs())) < first, 'scrolling up loads an older page'));
  assert.equal(await msg(1).count(), 0);
});
