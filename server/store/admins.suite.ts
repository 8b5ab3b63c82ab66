import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { LAST_ADMIN } from './admin-rules.ts';
import type { Store } from './store.ts';

/**
 * A site keeps an admin (admin-rules.ts), run by storeSuite on every implementation. `getTwin` is a
 * second store on the same database (another process or node: its own connection or pool), so the
 * races below are two writers that truly overlap, as two servers on one PostgreSQL are.
 */
export function adminStoreSuite(getStore: () => Store, getTwin: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');

  async function twoAdmins() {
    const store = getStore();
    const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
    const admin = () => store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: `Admin ${uid()}`, role: 'admin', passwordHash: 'x' });
    return { store, s, a: await admin(), b: await admin() };
  }
  const activeAdmins = async (store: Store, siteId: string) =>
    (await store.listStaff(siteId)).filter((m) => m.role === 'admin' && m.deactivatedAt === null && m.passwordHash !== '').map((m) => m.id);

  describe('a site keeps an admin', () => {
    it('refuses to demote, deactivate or remove the last active admin (an invited admin does not count); others change freely', async () => {
      const { store, s, a, b } = await twoAdmins();
      await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Invited', role: 'admin', passwordHash: '' });
      assert.equal((await store.updateStaff(b.id, { role: 'agent' })) !== LAST_ADMIN, true, 'a is still there');
      assert.equal(await store.updateStaff(a.id, { role: 'agent' }), LAST_ADMIN);
      assert.equal(await store.updateStaff(a.id, { deactivatedAt: 5_000 }), LAST_ADMIN);
      assert.equal(await store.deleteStaff(a.id), LAST_ADMIN);
      assert.equal((await store.getStaff(a.id))?.role, 'admin', 'nothing changed');
      assert.equal((await store.getStaff(a.id))?.deactivatedAt, null);
      const renamed = await store.updateStaff(a.id, { name: 'Still Admin' });
      assert.equal(renamed !== LAST_ADMIN && renamed?.name, 'Still Admin', 'a rename is no demotion');
      assert.equal(await store.deleteStaff(b.id), 'removed', 'an agent goes');
      assert.equal(await store.deleteStaff(b.id), 'absent');
      assert.equal(await store.updateStaff(`stf_${uid()}`, { role: 'agent' }), null);
      assert.deepEqual(await activeAdmins(store, s.id), [a.id]);
    });

    for (const [race, second] of [
      ['two demotions', (store: Store, id: string) => store.updateStaff(id, { role: 'agent' })],
      ['a demotion and a removal', (store: Store, id: string) => store.deleteStaff(id)],
      ['a demotion and a deactivation', (store: Store, id: string) => store.updateStaff(id, { deactivatedAt: 5_000 })],
    ] as const) {
      it(`the only two admins, ${race} of each other at once through two stores: exactly one is refused, one admin remains`, async () => {
        for (let round = 0; round < 10; round++) {
          const { store, s, a, b } = await twoAdmins();
          const results = await Promise.all([store.updateStaff(b.id, { role: 'agent' }), second(getTwin(), a.id)]);
          assert.equal(results.filter((r) => r === LAST_ADMIN).length, 1, `round ${round}: ${JSON.stringify(results.map((r) => (typeof r === 'object' && r ? r.role : r)))}`);
          const left = await activeAdmins(store, s.id);
          assert.equal(left.length, 1, `round ${round}: one admin remains`);
        }
      });
    }
  });
}
