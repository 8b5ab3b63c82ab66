import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff } from '../realtime/test-helpers.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

/**
 * Two processes on one PostgreSQL: the only two admins of a site, each signed in on another process,
 * demote (or remove) each other at the same moment. The store decides in the change's transaction
 * (store/admin-rules.ts), so the site keeps one admin; the other request is refused: 409 conflict when
 * the two overlapped, 403 when the first had already committed (its caller is no admin any more), or
 * 401 when b's removal of a committed first (a removed member's sessions end with the membership).
 */
let cluster: TestCluster;
before(async () => {
  cluster = await startCluster(2, { limits: { rateBurst: 1000, ratePerSec: 1000 } });
});
after(() => cluster?.stop());

for (const second of ['demotes', 'removes'] as const) {
  test(`a demotes b on one process while b ${second} a on the other: one admin remains`, async () => {
    const [A, B] = cluster.nodes;
    for (let round = 0; round < 10; round++) {
      const a = await createTestSite(A, { role: 'admin' });
      const b = await addStaff(A, a.site, 'admin');
      const bToken = await loginStaff(B, b.email);
      const [byA, byB] = await Promise.all([
        api(A, `/api/v1/admin/staff/${b.id}`, { method: 'PATCH', token: a.staffToken, body: { role: 'agent' } }),
        second === 'demotes'
          ? api(B, `/api/v1/admin/staff/${a.staff.id}`, { method: 'PATCH', token: bToken, body: { role: 'agent' } })
          : api(B, `/api/v1/admin/staff/${a.staff.id}`, { method: 'DELETE', token: bToken }),
      ]);
      const admins = (await A.store.listStaff(a.site.id)).filter((m) => m.role === 'admin' && m.deactivatedAt === null);
      assert.equal(admins.length, 1, `round ${round}: a ${byA.status}, b ${byB.status}`);
      const refused = [byA, byB].find((r) => r.status >= 400)!;
      const allowed = second === 'removes' && refused === byA ? [401, 403, 409] : [403, 409];
      assert.ok(allowed.includes(refused.status), `round ${round}: ${refused === byA ? 'a' : 'b'} ${refused.status}`);
      if (refused.status === 409) assert.match(refused.body.message, /at least one active admin/);
    }
  });
}
