import assert from 'node:assert/strict';
import type { Locator, Page, Request, Route } from 'playwright-core';
import { eventually } from './wait.ts';

/**
 * What every dashboard action shows (useAction's ActionStatusText): a refusal as an alert with the
 * server's sentence and its code (visible, and as data-code), a confirmation as a status without one.
 */
export async function seesRefusal(status: Locator, code: string, sentence: RegExp): Promise<void> {
  await eventually(async () => assert.equal(await status.getAttribute('role'), 'alert'));
  assert.match(await status.innerText(), sentence, "the server's sentence");
  assert.equal(await status.getAttribute('data-code'), code);
  assert.equal((await status.locator('code').innerText()).trim(), code, 'and its code, shown');
}

export async function seesConfirmation(status: Locator, text: RegExp): Promise<void> {
  await eventually(async () => assert.match(await status.innerText(), text));
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await status.getAttribute('data-code'), null);
}

/**
 * Holds the next request to `url` (by method) until `release` is called, so a test sees the busy state
 * without a timer; `answer` decides what then happens to it (by default it goes on to the server). Only
 * the first matching request is held; later ones pass.
 */
export async function holdNext(page: Page, url: string, method: string, answer: (route: Route, request: Request) => Promise<void> = (r) => r.continue()) {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let seen = false;
  await page.route(url, async (route, request) => {
    if (seen || request.method() !== method) return route.fallback();
    seen = true;
    await held;
    await answer(route, request);
  });
  return { release };
}
