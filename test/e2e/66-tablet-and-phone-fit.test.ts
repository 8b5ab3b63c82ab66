import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { dashboard, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget } from './support/widget.ts';

/**
 * Scenario 66: the layouts between the phone and the desktop, as people use them. An agent on a 768 px
 * tablet reaches every control of the top bar (availability, sign-out) without the page scrolling
 * sideways, and on a tablet or a 1024 px laptop the visitor's details; a visitor on a phone finds the chat button on the example pages a site owner tries first, and opening it does not raise the keyboard over the thread.
 */
const { stack, page } = useStack();

async function noSidewaysScroll(p: Page, where: string): Promise<void> {
  const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${where}: the page does not scroll sideways (${scroll} > ${width})`);
}

/** Inside the viewport, where a person can tap it without scrolling sideways. */
async function reachable(p: Page, l: Locator, what: string): Promise<void> {
  // Eventually: the widget's launcher is drawn by the loader first, then by the UI once it has loaded.
  await eventually(async () => {
    const b = await l.boundingBox();
    assert.ok(b, `${what} is laid out`);
    const [width, height] = await p.evaluate(() => [window.innerWidth, window.innerHeight]);
    assert.ok(b.x >= 0 && b.x + b.width <= width && b.y >= 0 && b.y + b.height <= height, `${what} is on screen (${JSON.stringify(b)} in ${width}x${height})`);
  });
}

test('on a 768 px tablet the top bar wraps: availability and sign-out are on screen, nothing scrolls sideways', async () => {
  const a = await page({ viewport: { width: 768, height: 1024 } });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await noSidewaysScroll(a, 'inbox at 768 px');
  await reachable(a, a.locator('[data-testid="availability-select"]'), 'the availability menu');
  await reachable(a, a.locator('[data-testid="logout-button"]'), 'the sign-out button');
  await reachable(a, a.locator('[data-testid="settings-button"]'), 'the settings button');
  // Usable, not only visible: the agent goes away from the tablet's top bar.
  await a.locator('[data-testid="availability-select"]').selectOption('away');
  await a.locator('[data-testid="availability-select"]').evaluate((s: HTMLSelectElement) => s.value === 'away' || Promise.reject(new Error(s.value)));
});

test("on a 1024 px laptop or a tablet the visitor's details are a tap away: Details takes the conversation's column, Back returns", async () => {
  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Which stove for winter camping?');
  for (const viewport of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
    const a = await page({ viewport });
    await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
    await openConversation(a, 'winter camping');
    const d = dashboard(a);
    const details = a.locator('[data-testid="pane-details"]');
    // No room beside the conversation at these widths: the panel waits behind a button, which used to be hidden too.
    assert.equal(await d.visitorPanel.isVisible(), false);
    await details.click();
    await d.visitorPanel.waitFor({ state: 'visible' });
    await a.getByText('Block this visitor').waitFor();
    await reachable(a, a.getByText('Block this visitor'), `Block at ${viewport.width} px`);
    assert.equal(await d.conversation.isVisible(), false, 'the details took the conversation\'s place');
    assert.equal(await d.rows.first().isVisible(), true, 'the inbox stays');
    await noSidewaysScroll(a, `details at ${viewport.width} px`);
    await a.locator('[data-testid="pane-details-back"]').click();
    await d.composer.waitFor({ state: 'visible' });
    assert.equal(await d.visitorPanel.isVisible(), false);
  }
});

test('on a phone the anonymous example keeps to the screen, and its chat button is there to tap', async () => {
  const v = await page({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  await v.goto(stack.examples.pages.anonymous);
  const w = widget(v);
  await w.launcher.waitFor();
  // The page shows the snippet: a long line that used to widen the page to ~1000 px, pushing the
  // launcher (fixed to the layout viewport's corner) off the right edge of the phone.
  await noSidewaysScroll(v, 'the anonymous example at 375 px');
  await reachable(v, w.launcher, 'the chat button');
  await w.launcher.tap();
  await w.input.waitFor({ state: 'visible' });
  await reachable(v, w.input, 'the message field');
  // Opening does not raise the phone's keyboard over the thread: the panel has focus, not the field.
  const focused = () => v.evaluate(() => document.querySelector('parley-widget')?.shadowRoot?.activeElement?.tagName ?? null);
  await eventually(async () => assert.equal(await focused(), 'SECTION', 'the open panel holds focus'));
  await w.input.tap();
  await eventually(async () => assert.equal(await focused(), 'TEXTAREA', 'a tap on the field focuses it'));
});

test('on a phone the settings forms keep to the screen: long options and sentences wrap', async () => {
  const a = await page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  // Widget (a select whose longest option is wider than the phone) and Email (a long sentence beside a field).
  for (const [section, field] of [['widget', 'widget-prechat'], ['email', 'email-state']] as const) {
    await a.goto(`${stack.dashboardUrl}settings/${section}`);
    await a.locator(`[data-testid="${field}"]`).waitFor();
    // The settings pane scrolls by itself (overflow: auto), so the page's width alone would not show it.
    const [scroll, width] = await a.locator('.settings-main').evaluate((m) => [m.scrollWidth, m.clientWidth]);
    assert.ok(scroll <= width, `settings/${section}: nothing runs off the right edge (${scroll} > ${width})`);
    await a.locator(`[data-testid="${field}"]`).scrollIntoViewIfNeeded();
    await reachable(a, a.locator(`[data-testid="${field}"]`), `${field} at 390 px`);
  }
});
