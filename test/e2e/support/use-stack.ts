import { after, afterEach, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPerson, type PersonOptions } from './browser.ts';
import { startStack, type Stack } from './stack.ts';

/**
 * The setup every browser suite shares, as hooks of the calling test file: a stack (by default
 * startStack's, or whatever `start` makes) and one Chromium before the tests; after each test the
 * people it made are closed, after all of them the browser and the stack.
 */
export interface E2E<S> {
  /** Filled in by the before hook (the same object throughout): read it inside tests and hooks. */
  readonly stack: S;
  /** A fresh browser profile (its own storage and cookies): another person or device. Closed after the test. */
  person(opts?: PersonOptions): Promise<BrowserContext>;
  /** A new person with one page open (its person is `page.context()`). */
  page(opts?: PersonOptions): Promise<Page>;
}

export function useStack(): E2E<Stack>;
export function useStack<S extends { stop(): Promise<void> }>(start: () => Promise<S>): E2E<S>;
export function useStack(start: () => Promise<{ stop(): Promise<void> }> = startStack): E2E<unknown> {
  const stack = {} as { stop?: () => Promise<void> };
  let browser: Browser | undefined;
  const people: BrowserContext[] = [];
  before(async () => {
    Object.assign(stack, await start());
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(people.splice(0).map((p) => p.close().catch(() => {})));
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await stack.stop?.();
  });
  async function person(opts?: PersonOptions): Promise<BrowserContext> {
    if (!browser) throw new Error('people are for tests: the browser starts in the before hook');
    const p = await newPerson(browser, opts);
    people.push(p);
    return p;
  }
  return { stack, person, page: async (opts) => (await person(opts)).newPage() };
}
