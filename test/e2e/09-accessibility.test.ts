import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriousA11yViolations } from './support/browser.ts';
import { dashboard, dashboardShows, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/** Scenario 9: axe-core finds no serious or critical violation in the widget or the dashboard. */
const { stack, page } = useStack();

const show = (v: unknown) => JSON.stringify(v, null, 2);

test('the widget and the dashboard have no serious or critical accessibility violations', async () => {
  const v = await page();
  const a = await page();

  // The dashboard's login form.
  await a.goto(stack.dashboardUrl);
  await a.locator('[data-testid="login-form"]').waitFor();
  const login = await seriousA11yViolations(a);
  assert.deepEqual(login, [], `dashboard login:\n${show(login)}`);

  // The widget, closed (launcher only) and open mid-conversation, with unread and typing states.
  await v.goto(stack.examples.pages.anonymous);
  await widget(v).launcher.waitFor();
  const closed = await seriousA11yViolations(v, 'parley-widget');
  assert.deepEqual(closed, [], `widget closed:\n${show(closed)}`);

  await openWidget(v);
  const text = 'Can I return a tent I already used once?';
  await sendFromWidget(v, text);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, text);
  await reply(a, 'Yes, within 30 days. Do you have the receipt?');
  await widgetShows(v, [text, 'Yes, within 30 days. Do you have the receipt?']);
  await dashboard(a).composer.pressSequentially('Let me', { delay: 10 });
  await widget(v).typing.waitFor();
  const open = await seriousA11yViolations(v, 'parley-widget');
  assert.deepEqual(open, [], `widget open:\n${show(open)}`);
  // The example page as a whole (host content plus widget) is clean too.
  const wholePage = await seriousA11yViolations(v);
  assert.deepEqual(wholePage, [], `anonymous example page:\n${show(wholePage)}`);

  // The dashboard with a conversation open: inbox, thread, composer, visitor panel.
  await dashboard(a).composer.fill('');
  await sendFromWidget(v, 'I do, from March.');
  await dashboardShows(a, [text, 'Yes, within 30 days. Do you have the receipt?', 'I do, from March.']);
  await dashboard(a).visitorPanel.waitFor();
  await eventually(async () => assert.equal(await dashboard(a).readMark.count(), 1));
  const dash = await seriousA11yViolations(a);
  assert.deepEqual(dash, [], `dashboard:\n${show(dash)}`);

});
