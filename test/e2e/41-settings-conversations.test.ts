import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { holdNext, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetHasMessage } from './support/widget.ts';

/**
 * Scenario 41: the Conversations settings section (issue 13's site settings). An admin turns ratings
 * off while a visitor looks at a resolved conversation: the rating prompt goes away at once, and comes
 * back when ratings are on again; the reopen window is checked, saved and shown again after a reload.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('ratings on and off reach an open widget at once; the reopen window is checked and kept', async () => {
  const [v, a] = await Promise.all([page(), page()]);
  const errors = [...watchErrors(v), ...watchErrors(a)];
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Do you ship to Norway?');
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, 'ship to Norway');
  await reply(a, 'Yes, in five days.');
  await widgetHasMessage(v, 'Yes, in five days.');
  await $(a, 'resolve-button').click();
  await $(v, 'parley-star-4').waitFor();

  await a.goto(`${stack.dashboardUrl}settings/conversations`);
  await $(a, 'conversations-form').waitFor();
  assert.equal(await $(a, 'conversations-reopen').inputValue(), '', 'no window of its own: the server default');
  assert.equal(await $(a, 'conversations-ratings').isChecked(), true);
  await $(a, 'conversations-reopen').fill('100000');
  assert.equal(await $(a, 'conversations-save').isDisabled(), true, 'more than a week is refused before saving');
  assert.match(await $(a, 'conversations-reopen-hint').innerText(), /0 to 10080/);
  await $(a, 'conversations-reopen').fill('0');
  assert.match(await $(a, 'conversations-reopen-hint').innerText(), /Every message after a resolve starts a new conversation/);
  await $(a, 'conversations-ratings').uncheck();
  await $(a, 'conversations-save').click();
  await eventually(async () => assert.equal((await $(a, 'conversations-status').innerText()).trim(), 'Saved.'));

  // The visitor's open widget: the resolved conversation no longer asks for a rating.
  await eventually(async () => assert.equal(await $(v, 'parley-star-4').count(), 0));
  assert.equal(await $(v, 'parley-resolved').count(), 1, 'still resolved, with its way to start a new one');
  const site = (await stack.server.store.getSite(stack.site.id))!;
  assert.equal(site.settings.reopenMinutes, 0);
  assert.equal(site.settings.ratings, false);
  assert.ok(site.settings.greeting, 'the widget settings stay as they were');

  await a.reload();
  await $(a, 'conversations-form').waitFor();
  assert.equal(await $(a, 'conversations-reopen').inputValue(), '0');
  assert.equal(await $(a, 'conversations-ratings').isChecked(), false);
  await $(a, 'conversations-reopen').fill('');
  await $(a, 'conversations-ratings').check();
  await $(a, 'conversations-save').click();
  await eventually(async () => assert.equal((await $(a, 'conversations-status').innerText()).trim(), 'Saved.'));
  await $(v, 'parley-star-4').waitFor();
  const back = (await stack.server.store.getSite(stack.site.id))!;
  assert.equal(back.settings.reopenMinutes, undefined, 'emptied: the server default again');
  assert.equal(back.settings.ratings, undefined);
  assert.deepEqual(errors, []);
});

test("a refused read of the site's settings shows the server's sentence and code, and its retry reads them", async () => {
  const a = await page();
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  // The first GET /admin/sites/:id is refused (it used to show the sentence alone, with no code and no
  // way but a page reload to try again); the retry's read goes on to the server.
  const refusal = await holdNext(a, '**/api/v1/admin/sites/*', 'GET', (route) =>
    route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ code: 'rate_limited', message: 'Slow down.' }) }),
  );
  refusal.release();
  await a.goto(`${stack.dashboardUrl}settings/conversations`);
  await seesRefusal($(a, 'site-error'), 'rate_limited', /Too many requests/);
  assert.equal(await $(a, 'conversations-form').count(), 0, 'no form on settings that were never read');
  await $(a, 'site-error-retry').click();
  await $(a, 'conversations-form').waitFor();
  assert.equal(await $(a, 'site-error').count(), 0);
  assert.deepEqual(errors, []);
});
