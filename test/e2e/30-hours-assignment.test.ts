import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WEEKDAYS, type BusinessHours } from '../../protocol/index.ts';
import { hoursState } from '../../server/domain/hours/business-hours.ts';
import { dashboard, inboxRow, loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { sendFromWidget, waitConnected, widget } from './support/widget.ts';
import { eventually } from './support/wait.ts';

/**
 * Scenario 30: business hours and automatic assignment, as a visitor and an agent see them.
 * Outside hours the widget says when the team is back, in the visitor's own time zone (Tokyo here,
 * the site's hours are Berlin's), and asks for an email before the message: the offline form. Inside
 * hours, with least-busy assignment, a new conversation goes by itself to the agent who has room, and
 * appears in their "Mine" view live.
 */
const { stack, page } = useStack();

/** Hours that are closed now (real clock): one span, three days from today, 09:00-17:00 in Berlin. */
function closedHours(): BusinessHours {
  const today = (new Date().getUTCDay() + 6) % 7;
  return { timezone: 'Europe/Berlin', week: [{ day: WEEKDAYS[(today + 3) % 7], from: '09:00', to: '17:00' }] };
}
const alwaysOpen: BusinessHours = { timezone: 'Europe/Berlin', week: WEEKDAYS.map((day) => ({ day, from: '00:00', to: '00:00' })) };

async function setSettings(settings: Record<string, unknown>) {
  const site = (await stack.server.store.getSite(stack.site.id))!;
  await stack.server.store.updateSite(site.id, { settings: { ...site.settings, ...settings } });
  await stack.server.domain.siteSettingsChanged(site.id);
}

test('outside hours: "Back <day> 9:00" in the visitor\'s time zone, and the offline form (email, then the message)', async () => {
  const hours = closedHours();
  await setSettings({ businessHours: hours });
  const until = hoursState(hours, Date.now()).until!;
  assert.ok(until > Date.now());

  const v = await page({ timezoneId: 'Asia/Tokyo' });
  await v.goto(stack.examples.pages.anonymous);
  const w = widget(v);
  await w.launcher.click();
  await waitConnected(v);
  const status = v.locator('[data-testid="parley-availability"]');
  await status.and(v.locator('[data-availability="closed"]')).waitFor();
  const sub = await v.locator('[data-testid="parley-status-sub"]').innerText();
  // What Tokyo's clock says at the opening (Berlin 09:00 is 17:00 in Tokyo), in the page's language.
  const expected = await v.evaluate((t) => new Intl.DateTimeFormat(navigator.language, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(new Date(t)), until);
  assert.equal(sub, `Back ${expected}`);
  assert.match(expected, /5:00\s?PM/, 'Tokyo time, not Berlin or UTC');

  // The offline form: the email first, then the message.
  const form = v.locator('[data-testid="parley-prechat"]');
  await form.waitFor();
  assert.equal(await w.input.count(), 0, 'no composer before the email');
  await v.locator('[data-testid="parley-email"]').fill('walker@example.com');
  await v.locator('[data-testid="parley-email-submit"]').click();
  await w.input.waitFor();
  await sendFromWidget(v, 'Do you ship stoves to Norway?');
  await w.mine.filter({ hasText: 'Do you ship stoves to Norway?' }).waitFor();
  await eventually(async () => {
    const visitors = await stack.server.store.listInbox({ siteId: stack.site.id, staffId: stack.agents.a.id, limit: 10 });
    const row = visitors.items.find((r) => r.conversation.lastMessage?.text === 'Do you ship stoves to Norway?');
    assert.equal(row?.visitor.email, 'walker@example.com');
  });
});

test('inside hours: a new conversation is assigned by itself to the agent with room, and shows in their Mine view live', async () => {
  const { a, b } = stack.agents;
  await setSettings({ businessHours: alwaysOpen, assignment: { mode: 'least_busy', capacity: 1 } });
  const { store } = stack.server;
  const by = { kind: 'staff', id: a.id } as const;
  // Nothing else waits (the first test's conversation is done), and Ada already holds an open conversation: she is at her capacity.
  for (const r of (await store.listInbox({ siteId: stack.site.id, staffId: a.id, limit: 50 })).items) {
    await store.updateConversation({ conversationId: r.conversation.id, changes: { status: 'resolved' }, by, at: Date.now() });
  }
  const fox = await store.createVisitor({ siteId: stack.site.id, label: 'Quiet Fox', context: {}, at: Date.now() });
  const held = await store.appendMessage({ siteId: stack.site.id, visitorId: fox.id, clientId: 'held-1', author: { kind: 'visitor', id: fox.id }, text: 'An earlier question', attachmentIds: [], note: false, at: Date.now() });
  await store.updateConversation({ conversationId: held.conversation.id, changes: { assigneeId: a.id }, by, at: Date.now() });

  const ada = await page();
  const ben = await page();
  await loginDashboard(ada, stack.dashboardUrl, a);
  await loginDashboard(ben, stack.dashboardUrl, b);
  await ben.locator('[data-testid="view-mine"]').click();
  await ada.locator('[data-testid="view-mine"]').click();

  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  const w = widget(v);
  await w.launcher.click();
  await waitConnected(v);
  await v.locator('[data-testid="parley-availability"][data-availability="online"]').waitFor();
  await sendFromWidget(v, 'Which tent for two in winter?');

  // Ben has room, Ada has none: it lands in Ben's Mine view without a reload, never in Ada's.
  await inboxRow(ben, 'Which tent for two in winter?').waitFor();
  const conv = (await stack.server.store.listInbox({ siteId: stack.site.id, staffId: b.id, assignee: 'me', limit: 5 })).items.find((r) => r.conversation.lastMessage?.text === 'Which tent for two in winter?');
  assert.equal(conv?.conversation.assigneeId, b.id);
  assert.equal(await inboxRow(ada, 'Which tent for two in winter?').count(), 0);
  await inboxRow(ada, 'An earlier question').waitFor();
  assert.equal(await dashboard(ben).rows.filter({ hasText: 'An earlier question' }).count(), 0);
});
