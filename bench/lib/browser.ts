import { chromium, type Browser, type Page } from 'playwright-core';

/** Headless Chromium as the issue prescribes (system binary, quiet flags, no sandbox in a container). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Installs, before any page script runs, a requestAnimationFrame probe that stamps
 * `window.__firstVisible` with performance.now() (ms since navigation start) on the first frame in
 * which an element matching `selector` has a non-empty box, looking into open shadow roots too.
 */
export async function probeFirstVisible(page: Page, selector: string): Promise<void> {
  // A string, not a function: tsx's transform wraps functions in a __name() helper the page lacks.
  await page.addInitScript(`(() => {
    const sel = ${JSON.stringify(selector)};
    const find = (root) => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const poll = () => {
      const r = find(document)?.getBoundingClientRect();
      if (r && r.width > 0 && r.height > 0) window.__firstVisible = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })();`);
}

/** Waits for the probe and returns its stamp. */
export async function firstVisibleMs(page: Page, timeoutMs = 30_000): Promise<number> {
  // Polled from here, not with waitForFunction: its string predicate is an eval inside the page, which a
  // strict CSP (the dashboard's: no 'unsafe-eval') refuses. page.evaluate goes through the debugger protocol.
  const end = Date.now() + timeoutMs;
  for (;;) {
    const at = await page.evaluate('window.__firstVisible');
    if (at !== undefined && at !== null) return Number(at);
    if (Date.now() > end) throw new Error(`nothing matching the probe was visible within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
