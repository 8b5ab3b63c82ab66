import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../../../protocol/index.ts';
import type { SiteSettings } from '../../../protocol/index.ts';
import { createParleyServer, type ParleyServer } from '../../../server/app.ts';
import { loadConfig, type EmailConfig, type WebhooksConfig } from '../../../server/config.ts';
import { startExamples, type ExamplesServer } from '../../../examples/serve.ts';
import { IDENTITY_SECRET, seedSite, type Agent } from './seed.ts';
import type { SiteRecord } from '../../../server/store/store.ts';

/**
 * A fresh Parley for one test file: temp data dir, the real server on 127.0.0.1 port 0, a seeded
 * site with two agents, and the example pages on another port (so the widget is cross-origin, as on
 * a customer's site). test/e2e/fixtures/ is served at /fixtures/ by the examples server.
 */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Stack {
  parleyUrl: string;
  dashboardUrl: string;
  site: SiteRecord;
  siteKey: string;
  identitySecret: string;
  agents: { a: Agent; b: Agent };
  examples: ExamplesServer;
  /** URL of a page in test/e2e/fixtures/ (HTML is filled like the examples: {{PARLEY_URL}}, {{SITE_KEY}}). */
  fixture(name: string): string;
  dataDir: string;
  server: ParleyServer;
  stop(): Promise<void>;
}

export interface StackOptions {
  limits?: Partial<Limits>;
  settings?: SiteSettings;
  /** Email settings (an SMTP sink, short delays); off by default. */
  email?: Partial<EmailConfig>;
  /** Webhook settings (private receivers allowed for a local one, short retries). */
  webhooks?: Partial<WebhooksConfig>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const stop = async () => {
    // Reverse order, and every step runs even if an earlier one threw.
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    cleanups.length = 0;
  };
  try {
    // A cheap password hash (the suite signs in often; hashing is tested in server/http/login.test.ts).
    const base = loadConfig({}, { port: 0, host: '127.0.0.1', dataDir, dbFile: join(dataDir, 'parley.db'), demo: false, logLevel: 'warn', passwordHashCost: 10 });
    const config = { ...base, limits: { ...base.limits, ...(opts.limits ?? {}) }, email: { ...base.email, ...(opts.email ?? {}) }, webhooks: { ...base.webhooks, ...(opts.webhooks ?? {}) } };
    const server = await createParleyServer({ config });
    cleanups.push(() => server.close());
    const { site, agents } = await seedSite(server.store, opts.settings);
    const examples = await startExamples({
      parleyUrl: server.url,
      siteKey: site.key,
      identitySecret: IDENTITY_SECRET,
      port: 0,
      extraRoots: { '/fixtures/': FIXTURES_DIR },
    });
    cleanups.push(() => examples.close());
    return {
      parleyUrl: server.url,
      dashboardUrl: `${server.url}/dashboard/`,
      site,
      siteKey: site.key,
      identitySecret: IDENTITY_SECRET,
      agents,
      examples,
      fixture: (name) => `${examples.url}/fixtures/${name}`,
      dataDir,
      server,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
