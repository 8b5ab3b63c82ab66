import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** Debian's Chromium; `npx playwright install` cannot work on this machine. */
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh profile (its own localStorage, cookies) = a different person or device. */
export interface PersonOptions {
  viewport?: { width: number; height: number };
  /** Where this person is (the visitor panel shows their local time). */
  timezoneId?: string;
  /** e.g. ['notifications'] for an agent who already allowed desktop notifications. */
  permissions?: string[];
  /** The browser's language (navigator.languages), default en-US. */
  locale?: string;
  /** A phone: the meta viewport counts and a page wider than the screen widens the layout viewport. */
  isMobile?: boolean;
  hasTouch?: boolean;
}

export async function newPerson(browser: Browser, opts: PersonOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-US',
    timezoneId: opts.timezoneId,
    permissions: opts.permissions,
    isMobile: opts.isMobile,
    hasTouch: opts.hasTouch,
  });
  // Fail in seconds, not Playwright's 30 s default: every wait in this suite is for something a person sees at once.
  context.setDefaultTimeout(ACTION_TIMEOUT);
  return context;
}

export const ACTION_TIMEOUT = Number(process.env.PARLEY_E2E_TIMEOUT || 10_000);

/** Collects uncaught page errors and console errors so a test can assert the host page never broke. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/** Runs axe-core in the page (it sees into open shadow roots) and returns serious/critical violations. */
export async function seriousA11yViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  // What a person sees once things stop moving: a panel still fading in (the widget's 180 ms pop) has
  // text at part opacity, which axe measures as low contrast. Finite animations are waited for;
  // endless ones (a blinking dot) are left running.
  // document.getAnimations() does not list those inside shadow roots (the widget's): ask each open one too.
  await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document, ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
    return Promise.all(
      roots
        .flatMap((r) => r.getAnimations())
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
  // Evaluated through the DevTools protocol, not as an inline <script>: the dashboard's CSP (script-src 'self') refuses those.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (inc) => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(inc ? { include: [[inc]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n: any) => JSON.stringify(n.target)),
    }));
  }, include ?? null);
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
