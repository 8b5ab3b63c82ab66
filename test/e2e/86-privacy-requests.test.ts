import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { dashboard, inboxRow, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';

/**
 * Scenario 86: an admin answers a visitor's privacy requests from Settings → Privacy (issue 20): the
 * consent setting puts data-require-consent into the installation snippet; an export by email downloads
 * the person's data; an erasure (confirmed) removes the conversation from an agent's open dashboard at
 * once, and leaves no byte of it in the SQLite file.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

test('Settings → Privacy: consent into the snippet, export by email, erase with a confirmation, and open dashboards drop it', async () => {
  const [admin, agent, v] = await Promise.all([page(), page(), page()]);
  const errors = [...watchErrors(admin), ...watchErrors(agent), ...watchErrors(v)];
  const marker = `zq${Math.random().toString(36).slice(2, 10)}zq`;
  await v.goto(stack.fixture('widget-lab.html'));
  await openWidget(v);
  await sendFromWidget(v, `Please remove my order ${marker}`);
  await widgetShows(v, [`Please remove my order ${marker}`]);
  const visitorId = await v.evaluate(() => (window as unknown as { Parley: (c: string) => string }).Parley('getVisitorId'));

  await loginDashboard(agent, stack.dashboardUrl, stack.agents.b);
  await openConversation(agent, `Please remove my order ${marker}`);

  await loginDashboard(admin, stack.dashboardUrl, stack.agents.a);
  await admin.goto(`${stack.dashboardUrl}settings/privacy`);
  await $(admin, 'settings-section-privacy').waitFor();
  assert.deepEqual(await seriousA11yViolations(admin, '[data-testid="settings-section-privacy"]'), []);
  await $(admin, 'privacy-consent').check();
  await $(admin, 'privacy-save').click();
  await eventually(async () => assert.match(await $(admin, 'privacy-status').innerText(), /saved/));
  await $(admin, 'settings-nav-installation').click();
  await eventually(async () => assert.match(await admin.locator('[data-testid="settings-section-installation"]').innerText(), /data-require-consent/));

  await $(admin, 'settings-nav-privacy').click();
  await $(admin, 'privacy-by').selectOption('visitorId');
  await $(admin, 'privacy-who').fill(visitorId);
  const download = admin.waitForEvent('download');
  await $(admin, 'privacy-export').click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `parley-export-${visitorId}.tar`);
  assert.ok(readFileSync((await file.path())!).includes(`Please remove my order ${marker}`), 'the export holds the message');

  // Erasing asks in place; Cancel takes it back with nothing erased.
  await $(admin, 'privacy-erase').click();
  assert.match(await $(admin, 'privacy-erase-question').innerText(), /cannot be undone/);
  await $(admin, 'privacy-erase-cancel').click();
  assert.ok(await $(admin, 'privacy-erase').evaluate((el) => el === document.activeElement), 'focus back on Erase');
  assert.ok(await stack.server.store.getVisitor(visitorId), 'nothing erased yet');
  await $(admin, 'privacy-erase').click();
  await $(admin, 'privacy-erase-confirm').click();
  await eventually(async () => assert.match(await $(admin, 'privacy-status').innerText(), /Erased: 1 visitor records, 1 conversations/));
  // The agent's open dashboard drops it at once: the row goes, the pane says so and shows nothing of it.
  await eventually(async () => assert.equal(await inboxRow(agent, marker).count(), 0));
  await $(agent, 'conversation-erased').waitFor();
  assert.equal(await dashboard(agent).messages.count(), 0);
  const db = [stack.dataDir + '/parley.db', stack.dataDir + '/parley.db-wal'];
  assert.ok(!db.some((f) => { try { return readFileSync(f).includes(marker); } catch { return false; } }), 'no byte of it in the database file');
  assert.deepEqual(errors, []);
});
