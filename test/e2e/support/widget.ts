import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, textsOf } from './wait.ts';

/**
 * The visitor's side. Playwright CSS locators pierce open shadow roots, so these find the widget's
 * parts inside <parley-widget> by the data-testid each part carries (see widget/ui/*.tsx).
 */
export function widget(page: Page) {
  const $ = (id: string) => page.locator(`[data-testid="${id}"]`);
  return {
    host: page.locator('parley-widget'),
    root: $('parley-root'),
    launcher: $('parley-launcher'),
    panel: $('parley-panel'),
    input: $('parley-input'),
    send: $('parley-send'),
    messages: $('parley-message'),
    /** Messages that were written by this visitor (right side). */
    mine: page.locator('[data-testid="parley-message"][data-author="visitor"]'),
    /** Messages from staff. */
    theirs: page.locator('[data-testid="parley-message"][data-author="staff"]'),
    typing: $('parley-typing'),
    unread: $('parley-unread'),
    offline: $('parley-offline'),
    status: $('parley-status'),
    fileInput: $('parley-file-input'),
    uploads: $('parley-upload'),
    attachments: $('parley-attachment'),
    greeting: $('parley-greeting'),
    close: $('parley-close'),
  };
}

/** Clicks the launcher and waits until the panel is open and connected, ready for typing. */
export async function openWidget(page: Page): Promise<void> {
  const w = widget(page);
  await w.launcher.click();
  await w.input.waitFor({ state: 'visible' });
  await waitConnected(page);
}

export async function waitConnected(page: Page, timeoutMs?: number): Promise<void> {
  await page.locator('[data-testid="parley-root"][data-connection="connected"]').waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Types like a person (so typing indicators fire) and presses Enter. */
export async function sendFromWidget(page: Page, text: string): Promise<void> {
  const { input } = widget(page);
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the widget shows exactly these message texts, in this order (after any earlier ones). */
export async function widgetShows(page: Page, expected: string[], timeoutMs?: number): Promise<void> {
  await eventually(async () => {
    const texts = await textsOf(widget(page).messages);
    assert.deepEqual(texts, expected);
  }, timeoutMs);
}

/** Waits until one bubble with exactly this text is visible. */
export async function widgetHasMessage(page: Page, text: string, timeoutMs?: number): Promise<void> {
  await eventually(async () => {
    const texts = await textsOf(widget(page).messages);
    assert.ok(texts.includes(text), `widget should show "${text}", shows ${JSON.stringify(texts)}`);
  }, timeoutMs);
}
