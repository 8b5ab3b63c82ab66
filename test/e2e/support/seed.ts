import { hashPassword } from '../../../server/auth/passwords.ts';
import type { SiteRecord, Store } from '../../../server/store/store.ts';
import type { SiteSettings } from '../../../protocol/index.ts';

/**
 * What every e2e stack starts with: one site any local page may embed, and two agents with known
 * passwords. Created straight through the Store (as `npm run cli` does), so the suite depends on
 * nothing but the server's own persistence.
 */
export interface Agent {
  id: string;
  name: string;
  email: string;
  password: string;
}

export interface Seeded {
  site: SiteRecord;
  agents: { a: Agent; b: Agent };
}

export const SITE_NAME = 'Acme Outdoor';
export const IDENTITY_SECRET = 'e2e-identity-secret-0123456789abcdef0123456789';

/** A cheap scrypt cost: the suite logs in a dozen times and password strength is not under test here. */
const FAST_HASH = { N: 1024, r: 8, p: 1 };

export async function seedSite(store: Store, settings: SiteSettings = {}): Promise<Seeded> {
  const site = await store.createSite({
    name: SITE_NAME,
    allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
    identitySecret: IDENTITY_SECRET,
    settings: { greeting: 'Hi! Ask us anything about tents, stoves and trails.', replyTime: 'a few minutes', ...settings },
  });
  const make = async (name: string, email: string, password: string, role: 'admin' | 'agent'): Promise<Agent> => {
    const rec = await store.createStaff({ siteId: site.id, email, name, role, passwordHash: await hashPassword(password, FAST_HASH) });
    return { id: rec.id, name, email, password };
  };
  const a = await make('Ada Lovelace', 'ada@acme.test', 'ada-password-1', 'admin');
  const b = await make('Ben Carter', 'ben@acme.test', 'ben-password-2', 'agent');
  return { site, agents: { a, b } };
}
