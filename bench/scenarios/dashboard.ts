import { existsSync } from 'node:fs';
import type { SqliteStore } from '../../server/store/sqlite/index.ts';
import { ms } from '../lib/format.ts';
import { firstVisibleMs, launchChromium, median, probeFirstVisible } from '../lib/browser.ts';
import { withTarget, type RunContext } from './context.ts';

/**
 * The dashboard with a big inbox: `count` conversations (one visitor message each) seeded through
 * the store before the server starts, then in Chromium: log in and time until the first inbox row
 * is on screen, then reload (session kept) and time the same from navigation start.
 */
// index.html names the content-hashed app chunk (app.<hash>.js) the build wrote beside it.
const DIST = new URL('../../dist/dashboard/index.html', import.meta.url).pathname;

export interface DashboardResult {
  skipped?: string;
  conversations?: number;
  seedMs?: number;
  loginToFirstRowMs?: number;
  reloadToFirstRowMs?: number[];
  reloadMedianMs?: number;
}

async function seedInbox(store: SqliteStore, siteId: string, count: number) {
  const at = Date.now() - count * 1000;
  const CHUNK = 500;
  for (let base = 0; base < count; base += CHUNK) {
    const n = Math.min(CHUNK, count - base);
    const visitors = [];
    for (let i = 0; i < n; i++) visitors.push(await store.createVisitor({ siteId, label: `Bench Visitor ${base + i}`, context: {}, at: at + (base + i) * 1000 }));
    // Appends made in one turn are committed together (the store's group commit).
    await Promise.all(
      visitors.map((v, i) =>
        store.appendMessage({
          siteId, visitorId: v.id, clientId: `seed-${base + i}`, author: { kind: 'visitor', id: v.id },
          text: `Hello, I have question number ${base + i} about my order.`, attachmentIds: [], note: false, at: at + (base + i) * 1000,
        }),
      ),
    );
  }
}

export async function runDashboard(ctx: RunContext): Promise<DashboardResult> {
  if (!ctx.targets.includes('parley')) return { skipped: 'Parley not in this run' };
  if (!existsSync(DIST)) return { skipped: 'dist/dashboard/ not built (run `npm run build`)' };
  const count = ctx.quick ? 2_000 : 10_000;
  let seedMs = 0;
  return withTarget(
    'parley',
    async (t) => {
      const browser = await launchChromium();
      try {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${t.info.baseUrl}/dashboard`);
        const cred = t.info.staff![0];
        await page.getByTestId('login-email').fill(cred.email);
        await page.getByTestId('login-password').fill(cred.password);
        const t0 = Date.now();
        await page.getByTestId('login-submit').click();
        await page.getByTestId('inbox-row').first().waitFor({ state: 'visible', timeout: 30_000 });
        const loginToFirstRowMs = Date.now() - t0;
        await probeFirstVisible(page, '[data-testid="inbox-row"]');
        const reloads: number[] = [];
        for (let i = 0; i < (ctx.quick ? 2 : 5); i++) {
          await page.reload();
          reloads.push(await firstVisibleMs(page));
        }
        const r = { conversations: count, seedMs, loginToFirstRowMs, reloadToFirstRowMs: reloads, reloadMedianMs: median(reloads) };
        ctx.log(`dashboard: ${count} conversations, login -> first row ${loginToFirstRowMs} ms, reload -> first row ${ms(r.reloadMedianMs)} ms (median)`);
        return r;
      } finally {
        await browser.close();
      }
    },
    {
      seed: async (store, site) => {
        const s = Date.now();
        await seedInbox(store, site.id, count);
        seedMs = Date.now() - s;
      },
    },
  );
}
