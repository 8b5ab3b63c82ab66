import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardShows, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget } from './support/widget.ts';

/**
 * Scenario 72: an agent blocks an abusive visitor from the visitor panel. The visitor's chat stops
 * (a reload gets no session: the widget says the chat is unavailable) and nothing more reaches the inbox.
 */
const { stack, page } = useStack();

test('an agent blocks a visitor from the dashboard; the visitor can no longer chat', async () => {
  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'You will regret this');
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, 'You will regret this');
  // It asks in place, the action focused; Escape takes it back with focus on the button, nothing blocked.
  const focused = () => a.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await a.locator('[data-testid="block-visitor"]').click();
  await eventually(async () => assert.equal(await focused(), 'block-visitor-confirm'));
  await a.keyboard.press('Escape');
  await eventually(async () => assert.equal(await focused(), 'block-visitor'));
  assert.deepEqual(await a.evaluate(async () => (await (await fetch('/api/v1/blocks')).json()).blocks), [], 'nothing blocked');
  await a.locator('[data-testid="block-visitor"]').click();
  await a.locator('[data-testid="block-visitor-confirm"]').click();
  await a.locator('[data-testid="visitor-blocked"]').waitFor();

  await v.reload();
  const w = widget(v);
  await w.launcher.click();
  await v.locator('[data-testid="parley-root"][data-connection="error"]').waitFor({ state: 'attached' });
  const blocks = await a.evaluate(async () => (await (await fetch('/api/v1/blocks')).json()).blocks.map((b: { kind: string }) => b.kind).sort());
  assert.deepEqual(blocks, ['ip', 'visitor']);
  await dashboardShows(a, ['You will regret this']);
});
