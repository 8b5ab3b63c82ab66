import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePassword, hashPassword, newIdentitySecret } from './auth/index.ts';
import type { SiteRecord, Store } from './store/store.ts';

/**
 * The demo a fresh `npm start` creates on an empty database: one site that any local page may
 * embed, and an admin whose random password is printed once and kept in
 * <dataDir>/demo-credentials.txt (0600) so a later start can print it again.
 */
export interface DemoInfo {
  site: SiteRecord;
  email: string;
  /** Null when the credentials file is gone (the password was changed or the file deleted). */
  password: string | null;
  /** True when this start created the demo. */
  created: boolean;
}

export const DEMO_EMAIL = 'admin@example.com';
const CREDENTIALS_FILE = 'demo-credentials.txt';

export async function ensureDemo(store: Store, dataDir: string): Promise<DemoInfo | null> {
  const sites = await store.listSites();
  const file = join(dataDir, CREDENTIALS_FILE);
  if (sites.length === 0) {
    const site = await store.createSite({
      name: 'Demo site',
      allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
      identitySecret: newIdentitySecret(),
      settings: { greeting: 'Hi! Ask us anything.', replyTime: 'a few minutes' },
    });
    const password = generatePassword();
    await store.createStaff({ siteId: site.id, email: DEMO_EMAIL, name: 'Demo Admin', role: 'admin', passwordHash: await hashPassword(password) });
    writeFileSync(file, JSON.stringify({ siteKey: site.key, email: DEMO_EMAIL, password }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    return { site, email: DEMO_EMAIL, password, created: true };
  }
  if (!existsSync(file)) return null;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { siteKey: string; email: string; password: string };
    const site = await store.getSiteByKey(saved.siteKey);
    return site ? { site, email: saved.email, password: saved.password, created: false } : null;
  } catch {
    return null;
  }
}
