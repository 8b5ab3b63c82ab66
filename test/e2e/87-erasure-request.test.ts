import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 87: a visitor asks for erasure from the widget, an admin confirms it (issue 20). The visitor
 * opens "Delete my data" from the conversation list, confirms, and is told the request waits for the
 * site; the admin's open Settings → Privacy shows it live (who, their conversations), Confirm erases
 * them: nothing of theirs is left in the SQLite file, their record is gone, and the widget starts afresh.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('the visitor asks from the widget, the admin sees it live in Settings → Privacy and confirms, and the data is gone', async () => {
  const [admin, v] = await Promise.all([page(), page()]);
  const errors = [...watchErrors(admin), ...watchErrors(v)];
  const marker = `zq${Math.random().toString(36).slice(2, 10)}zq`;
  await v.goto(stack.fixture('widget-lab.html'));
  await openWidget(v);
  await sendFromWidget(v, `My card ends ${marker}`);
  await widgetShows(v, [`My card ends ${marker}`]);
  const visitorId = await v.evaluate(() => (window as unknown as { Parley: (c: string) => string }).Parley('getVisitorId'));

  await loginDashboard(admin, stack.dashboardUrl, stack.agents.a);
  await admin.goto(`${stack.dashboardUrl}settings/privacy`);
  await $(admin, 'erasure-requests-empty').waitFor();

  // The widget: the conversation list's "Delete my data", a confirmation step, then the request.
  await $(v, 'parley-list').click();
  await $(v, 'parley-delete-data').click();
  await $(v, 'parley-erasure-ask').click();
  await $(v, 'parley-erasure-confirming').waitFor();
  assert.match(await $(v, 'parley-erasure-confirming').innerText(), /delete all your conversations, messages and files/);
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), []);
  await $(v, 'parley-erasure-confirm').click();
  const pending = $(v, 'parley-erasure-pending');
  await pending.waitFor();
  assert.match(await pending.innerText(), /Your request was received\.[\s\S]*waiting for .+ to confirm it/);
  // Leaving and coming back shows the same request (it is the server's, not the page's).
  await $(v, 'parley-erasure-back').click();
  await $(v, 'parley-delete-data').click();
  await pending.waitFor();

  // The admin's open page shows it without a reload: who asked, their conversations.
  const row = admin.locator(`[data-testid="erasure-request"][data-visitor-id="${visitorId}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /1 conversations/);
  assert.deepEqual(await seriousA11yViolations(admin, '[data-testid="settings-section-privacy"]'), []);
  // Erasing asks in place (ConfirmAction); Escape takes it back with the request still there.
  await row.locator('[data-testid="erasure-request-erase"]').click();
  assert.match(await row.locator('[data-testid="erasure-request-erase-question"]').innerText(), /cannot be undone/);
  await admin.keyboard.press('Escape');
  assert.ok(await row.locator('[data-testid="erasure-request-erase"]').evaluate((el) => el === document.activeElement), 'focus back on the button');
  assert.ok(await stack.server.store.getVisitor(visitorId), 'nothing erased yet');
  await row.locator('[data-testid="erasure-request-erase"]').click();
  await row.locator('[data-testid="erasure-request-erase-confirm"]').click();
  await eventually(async () => assert.match(await $(admin, 'erasure-request-status').innerText(), /Erased: 1 visitor records, 1 conversations/));
  await $(admin, 'erasure-requests-empty').waitFor();

  // Gone: no byte of it in the database file, no visitor record; the widget starts afresh.
  const db = [stack.dataDir + '/parley.db', stack.dataDir + '/parley.db-wal'];
  assert.ok(!db.some((f) => { try { return readFileSync(f).includes(marker); } catch { return false; } }), 'no byte of it in the database file');
  assert.equal(await admin.evaluate(async (id) => (await fetch(`/api/v1/visitors/${id}`)).status, visitorId), 404);
  await v.reload();
  await openWidget(v);
  assert.notEqual(await v.evaluate(() => (window as unknown as { Parley: (c: string) => string }).Parley('getVisitorId')), visitorId, 'a new visitor');
  assert.equal(await widget(v).messages.count(), 0);
  assert.deepEqual(errors, []);
});
