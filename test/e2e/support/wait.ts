import type { Locator } from 'playwright-core';

/**
 * Waiting on what a person sees. `eventually` re-runs an assertion until it passes (or the time is
 * up, then the last failure is thrown as is), so tests never sleep a fixed time and then assert.
 */
export const DEFAULT_TIMEOUT = Number(process.env.PARLEY_E2E_TIMEOUT || 10_000);

export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = DEFAULT_TIMEOUT, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The visible text of every element a locator matches, trimmed, in document order. */
export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Holds for the whole window: used to show something does NOT happen (no duplicate, no unread). */
export async function stays(check: () => Promise<void> | void, windowMs: number, intervalMs = 100): Promise<void> {
  const end = Date.now() + windowMs;
  while (Date.now() < end) {
    await check();
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  await check();
}
