import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { dashboard, dashboardShows, inboxRow, loginDashboard, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';

/**
 * Scenario 62 (issue 12 points 6-7): an agent answers from a 390 px phone, one pane at a time (inbox ->
 * conversation -> details), with the composer above the on-screen keyboard; and the dashboard in dark
 * mode, following the system unless the agent chooses. axe stays clean in every state.
 */
const { stack, page } = useStack();
const PHONE = { width: 390, height: 844 };

async function box(l: Locator) {
  const b = await l.boundingBox();
  assert.ok(b, 'the element is laid out');
  return b;
}

async function noHorizontalScroll(a: Page): Promise<void> {
  const [scroll, width] = await a.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `the page does not scroll sideways (${scroll} > ${width})`);
}

async function axeClean(a: Page, where: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(a), [], `axe: ${where}`);
}

test('at 390 px the dashboard is one column: inbox, then the conversation, then its details; the composer stays above the keyboard', async () => {
  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const question = 'Can I return a tent I used once? It leaked in the first rain.';
  await sendFromWidget(v, question);
  await widgetShows(v, [question]);

  const a = await page({ viewport: PHONE });
  const errors = watchErrors(a);
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const d = dashboard(a);
  const columns = a.locator('[data-testid="columns"]');
  assert.equal(await columns.getAttribute('data-pane'), 'inbox');
  await inboxRow(a, 'tent').waitFor();
  const id = await inboxRow(a, 'tent').getAttribute('data-conversation-id');
  // By id: the preview changes once the agent answers.
  const row = a.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
  assert.ok((await box(row)).width >= PHONE.width - 2, 'the inbox takes the whole width');
  assert.equal(await d.conversation.isVisible(), false, 'no squeezed conversation beside it');
  await noHorizontalScroll(a);
  await axeClean(a, 'inbox on a phone');

  await row.click();
  await d.composer.waitFor({ state: 'visible' });
  assert.equal(await columns.getAttribute('data-pane'), 'conversation');
  assert.equal(await row.isVisible(), false, 'the inbox gave way');
  assert.ok((await box(d.conversation)).width >= PHONE.width - 2, 'the conversation takes the whole width');
  const bubble = a.locator('[data-testid="message"] .msg-text').first();
  assert.ok((await box(bubble)).width > 200, 'the message reads as lines, not a letter per line');
  await noHorizontalScroll(a);
  await axeClean(a, 'conversation on a phone');

  // The on-screen keyboard: the page declares that it resizes the layout, and with the viewport that
  // is left the composer and the send button are still fully on screen.
  const viewportMeta = await a.locator('meta[name="viewport"]').getAttribute('content');
  assert.match(viewportMeta ?? '', /interactive-widget=resizes-content/);
  await d.composer.click();
  await a.setViewportSize({ width: PHONE.width, height: 420 });
  await eventually(async () => {
    const c = await box(d.composer);
    const s = await box(d.send);
    assert.ok(c.y >= 0 && c.y + c.height <= 420, `composer within the 420 px left by the keyboard (${c.y}+${c.height})`);
    assert.ok(s.y + s.height <= 420, 'the send button too');
  });
  await reply(a, 'Yes: within 60 days, used or not.');
  await widgetShows(v, [question, 'Yes: within 60 days, used or not.']);
  await a.setViewportSize(PHONE);

  // Details, and back.
  await a.locator('[data-testid="pane-details"]').click();
  await d.visitorPanel.waitFor({ state: 'visible' });
  assert.equal(await columns.getAttribute('data-pane'), 'details');
  assert.equal(await d.conversation.isVisible(), false);
  await axeClean(a, 'details on a phone');
  await a.locator('[data-testid="pane-details-back"]').click();
  await d.composer.waitFor({ state: 'visible' });
  await dashboardShows(a, [question, 'Yes: within 60 days, used or not.']);
  await a.locator('[data-testid="pane-back"]').click();
  await row.waitFor({ state: 'visible' });
  assert.equal(await columns.getAttribute('data-pane'), 'inbox');

  // On a desktop the same page shows the three columns and no phone buttons.
  await a.setViewportSize({ width: 1280, height: 800 });
  await row.click();
  await d.composer.waitFor({ state: 'visible' });
  assert.ok(await row.isVisible());
  assert.equal(await a.locator('[data-testid="pane-back"]').isVisible(), false);
  assert.deepEqual(errors, []);
});

test('dark mode follows the system, live; the agent can choose light or dark, kept per browser; axe stays clean', async () => {
  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Is there a night mode for the app?');

  const a = await page();
  const errors = watchErrors(a);
  await a.emulateMedia({ colorScheme: 'dark' });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const html = a.locator('html');
  assert.equal(await html.getAttribute('data-theme'), 'dark');
  const luminance = (el: string) =>
    a.evaluate((sel) => {
      const [r, g, b] = getComputedStyle(document.querySelector(sel)!).backgroundColor.match(/\d+/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }, el);
  assert.ok((await luminance('body')) < 0.15, 'a dark page');
  assert.ok((await luminance('.inbox')) < 0.2, 'dark panes');
  await inboxRow(a, 'night mode').click();
  await dashboard(a).composer.waitFor({ state: 'visible' });
  assert.ok((await luminance('.composer')) < 0.2, 'a dark composer');
  await axeClean(a, 'dark, conversation open');

  // The system turns light: so does the dashboard, without a reload.
  await a.emulateMedia({ colorScheme: 'light' });
  await eventually(async () => assert.equal(await html.getAttribute('data-theme'), 'light'));
  assert.ok((await luminance('body')) > 0.8);

  // The agent prefers dark whatever the system says; kept after a reload.
  const select = a.locator('[data-testid="theme-select"]');
  await select.selectOption('dark');
  await eventually(async () => assert.equal(await html.getAttribute('data-theme'), 'dark'));
  await a.reload();
  await dashboard(a).rows.first().waitFor();
  assert.equal(await html.getAttribute('data-theme'), 'dark');
  assert.equal(await select.inputValue(), 'dark');
  await axeClean(a, 'dark by choice, inbox');
  await select.selectOption('system');
  await eventually(async () => assert.equal(await html.getAttribute('data-theme'), 'light'));
  assert.deepEqual(errors, []);
});
