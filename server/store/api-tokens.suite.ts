import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from './store.ts';

/** The API token part of the Store contract (api-token-records.ts), run by storeSuite on every implementation. */
export function apiTokenStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });

  describe('api tokens', () => {
    it('are found by their hash only, listed newest first per site, revoked once, and touched', async () => {
      const store = getStore();
      const [a, b] = [await site(), await site()];
      const hash = uid();
      const first = await store.createApiToken({ siteId: a.id, name: 'CRM', scopes: ['read', 'write'], tokenHash: hash, hint: 'ab12', createdBy: null, at: 1_000 });
      const second = await store.createApiToken({ siteId: a.id, name: 'Reports', scopes: ['read'], tokenHash: uid(), hint: 'cd34', createdBy: 'stf_x', at: 2_000 });
      await store.createApiToken({ siteId: b.id, name: 'Other site', scopes: ['admin'], tokenHash: uid(), hint: 'ef56', createdBy: null, at: 3_000 });

      assert.deepEqual(await store.findApiToken(hash), first);
      assert.equal(await store.findApiToken(uid()), null);
      assert.deepEqual((await store.listApiTokens(a.id)).map((t) => t.name), ['Reports', 'CRM'], 'newest first, this site only');
      assert.deepEqual(first.scopes, ['read', 'write']);

      assert.equal(await store.revokeApiToken(b.id, first.id, 5_000), false, 'another site cannot revoke it');
      assert.equal(await store.revokeApiToken(a.id, first.id, 5_000), true);
      assert.equal(await store.revokeApiToken(a.id, first.id, 6_000), false, 'revoked once');
      assert.equal((await store.findApiToken(hash))?.revokedAt, 5_000, 'still found, so the caller can say it was revoked');

      await store.touchApiToken(second.id, 7_000);
      assert.equal((await store.listApiTokens(a.id)).find((t) => t.id === second.id)?.lastUsedAt, 7_000);
    });

    it('refuses a second token with the same hash', async () => {
      const store = getStore();
      const s = await site();
      const hash = uid();
      await store.createApiToken({ siteId: s.id, name: 'one', scopes: ['read'], tokenHash: hash, hint: 'x', createdBy: null, at: 1 });
      await assert.rejects(store.createApiToken({ siteId: s.id, name: 'two', scopes: ['read'], tokenHash: hash, hint: 'x', createdBy: null, at: 2 }));
    });
  });
}
