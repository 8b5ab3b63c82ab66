import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { hostEvents, staffApi } from './support/widget-extra.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 64 (issue 12 points 9-10): the JS API a site developer expects (showNewMessage, the
 * launcher hidden and shown at runtime, getVisitorId), the preview of a staff message beside the
 * closed launcher, a visible focus ring on the header button, and the dashboard saying so when the
 * browser blocks desktop notifications.
 */
const { stack, page } = useStack();
const lab = (query = '') => stack.fixture('widget-lab.html') + query;
const parley = (v: Page, ...args: unknown[]) =>
  v.evaluate((a) => (window as unknown as { Parley: (...x: unknown[]) => unknown }).Parley(...a), args);

test('showNewMessage opens the chat with the text ready to send; the launcher hides and shows; getVisitorId', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  // Queued before widget.js: the launcher never shows.
  await v.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => (window as unknown as { Parley: (c: string) => void }).Parley('hideLauncher'));
  });
  await v.goto(lab());
  await w.root.waitFor({ state: 'attached' });
  assert.equal(await w.launcher.isVisible(), false, 'hidden from the start');

  await parley(v, 'showNewMessage', 'I have a question about order 5512');
  await w.panel.waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(await w.input.inputValue(), 'I have a question about order 5512'));
  assert.equal(await v.evaluate(() => document.querySelector('parley-widget')!.shadowRoot!.activeElement?.getAttribute('data-testid')), 'parley-input');
  await waitConnected(v);
  await w.input.press('Enter');
  await widgetShows(v, ['I have a question about order 5512']);

  const ready = await eventually(async () => {
    const e = (await hostEvents(v)).find((x) => x.name === 'ready');
    assert.ok(e);
    return e.data.visitorId as string;
  });
  assert.equal(await parley(v, 'getVisitorId'), ready);

  await parley(v, 'showLauncher');
  await w.launcher.waitFor({ state: 'visible' });
  await parley(v, 'hideLauncher');
  await w.launcher.waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
});

test('a staff message while the chat is closed shows as a preview by the launcher: a click opens the chat, × dismisses it', async () => {
  const s = await staffApi(stack.parleyUrl, stack.agents.a);
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  await openWidget(v);
  await sendFromWidget(v, 'Do you ship to Norway?');
  await widgetShows(v, ['Do you ship to Norway?']);
  const conv = await eventually(async () => {
    const c = (await s.conversations()).find((x) => x.lastMessage?.text === 'Do you ship to Norway?');
    assert.ok(c);
    return c;
  });
  await w.close.click();
  await w.panel.waitFor({ state: 'detached' });

  await s.reply(conv.id, 'Yes, in 3-5 days.');
  const preview = v.locator('[data-testid="parley-preview"]');
  await eventually(async () => assert.match(await preview.innerText(), /Ada Lovelace[\s\S]*Yes, in 3-5 days\./));
  assert.equal(await preview.getAttribute('role'), 'status', 'announced to screen readers');
  assert.equal(await w.unread.innerText(), '1');
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), [], 'axe: the preview');
  await v.locator('[data-testid="parley-preview-open"]').click();
  await w.panel.waitFor({ state: 'visible' });
  await preview.waitFor({ state: 'detached' });

  await w.close.click();
  await s.reply(conv.id, 'Tracking comes by email.');
  await preview.waitFor({ state: 'visible' });
  await v.locator('[data-testid="parley-preview-dismiss"]').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await w.panel.count(), 0, 'dismissing does not open the chat');
  assert.equal(await w.unread.innerText(), '1', 'the message is still unread');
  assert.deepEqual(errors, []);
});

test("the header button's focus ring is visible on the header's colour", async () => {
  const v = await page();
  const w = widget(v);
  await v.goto(lab());
  await openWidget(v);
  await w.input.focus();
  await v.keyboard.press('Shift+Tab'); // keyboard focus: :focus-visible applies
  const colours = await v.evaluate(() => {
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    let el = root.activeElement as HTMLElement | null;
    // Walk back to the header button whatever sits between it and the composer.
    if (el?.getAttribute('data-testid') !== 'parley-close') el = root.querySelector('[data-testid="parley-close"]');
    el!.focus({ focusVisible: true } as FocusOptions);
    const head = root.querySelector('.head') as HTMLElement;
    return { ring: getComputedStyle(el!).outlineColor, style: getComputedStyle(el!).outlineStyle, head: getComputedStyle(head).backgroundColor };
  });
  assert.notEqual(colours.style, 'none', 'a focus ring is drawn');
  assert.notEqual(colours.ring, colours.head, `the ring (${colours.ring}) differs from the header (${colours.head})`);
});

test('desktop notifications blocked by the browser: the dashboard says so and the bell does not read "on"', async () => {
  const a = await page();
  const errors = watchErrors(a);
  // Chromium without the permission granted answers the prompt with "denied" (no prompt UI headless).
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  const bell = a.locator('[data-testid="toggle-desktop-notifications"]');
  const enable = a.locator('[data-testid="enable-notifications"]');
  if (await enable.count()) await enable.click();
  else {
    // Notifications were off in this profile: switching them on asks the browser.
    await bell.click();
  }
  const blocked = a.locator('[data-testid="notifications-blocked"]');
  await eventually(async () => assert.equal(await a.evaluate(() => Notification.permission), 'denied'));
  await blocked.waitFor({ state: 'visible' });
  assert.match(await blocked.innerText(), /Blocked by the browser/);
  assert.equal(await bell.getAttribute('aria-pressed'), 'false');
  assert.equal(await bell.getAttribute('aria-label'), 'Notifications are blocked in this browser');
  assert.deepEqual(errors, []);
});

test('a press on the launcher while the chat is still loading opens it, though the UI replaces the button before the release', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  // ui.js is held until the visitor has pressed, so its mount lands between the press and the release.
  let release!: () => void;
  const pressed = new Promise<void>((r) => (release = r));
  await v.route('**/widget/ui.*.js', async (route) => (await pressed, route.continue()));
  await v.goto(stack.examples.pages.anonymous);
  const box = (await w.launcher.boundingBox())!;
  await v.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await v.mouse.down();
  release();
  await waitConnected(v); // the UI is in: the button pressed is gone
  await v.mouse.up();
  await w.input.waitFor({ state: 'visible' });
  await sendFromWidget(v, 'Opened by the first press');
  await widgetShows(v, ['Opened by the first press']);
  assert.deepEqual(errors, []);
});
