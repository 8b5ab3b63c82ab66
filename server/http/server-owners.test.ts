import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addStaff, createTestSite, loginStaff, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/**
 * Who may create sites is stored (server/domain/server-owners.ts), not derived from the oldest admin:
 * what happens to the owner's membership moves it to nobody (a tenant's admin least of all).
 */
let n = 0;
const newSite = (ts: TestServer, token: string) =>
  api(ts, '/api/v1/admin/sites', { token, body: { name: `made ${++n}`, allowedOrigins: ['https://x.example'], admin: { email: `boss${n}@made.example`, name: 'Boss' } } });
const member = (ts: TestServer, token: string, id: string, body: object) => api(ts, `/api/v1/admin/staff/${id}`, { token, method: 'PATCH', body });

test('removing, demoting or deactivating the first admin hands site creation to nobody else; they keep it', async () => {
  const ts = await startTestServer();
  try {
    const owner = await createTestSite(ts); // the first admin made on this server
    const tenant = await createTestSite(ts); // another tenant's admin: the next-oldest admin
    const coAdmin = await addStaff(ts, owner.site, 'admin'); // a later admin on the owner's own site
    const co = await loginStaff(ts, coAdmin.email);
    assert.deepEqual(await ts.server.store.listServerOwners(), [owner.staff.email]);
    const refusedAll = async (why: string) => {
      for (const [who, token] of [['tenant', tenant.staffToken], ['co-admin', co]]) {
        const r = await newSite(ts, token);
        assert.deepEqual([r.status, r.body.code], [403, 'forbidden'], `${why}: the ${who} may not create sites`);
      }
    };
    await refusedAll('before');

    // Demoted on their site: nobody else inherits it, and they have it again as admin.
    assert.equal((await member(ts, co, owner.staff.id, { role: 'agent' })).status, 200);
    await refusedAll('owner demoted');
    assert.equal((await member(ts, co, owner.staff.id, { role: 'admin' })).status, 200);
    assert.equal((await newSite(ts, await loginStaff(ts, owner.staff.email))).status, 201, 'an admin again, the owner creates sites');

    // Deactivated: still the owner (not "nobody"); reactivated, they act again.
    assert.equal((await member(ts, co, owner.staff.id, { active: false })).status, 200);
    await refusedAll('owner deactivated');
    assert.deepEqual(await ts.server.store.listServerOwners(), [owner.staff.email], 'ownership is kept while deactivated');
    assert.equal((await member(ts, co, owner.staff.id, { active: true })).status, 200);
    const back = await loginStaff(ts, owner.staff.email);
    assert.equal((await newSite(ts, back)).status, 201);

    // Removed from their site: the tenant's admin, now the oldest admin, still may not.
    assert.equal((await api(ts, `/api/v1/admin/staff/${owner.staff.id}`, { token: co, method: 'DELETE' })).status, 200);
    await refusedAll('owner removed');
    assert.deepEqual(await ts.server.store.listServerOwners(), [owner.staff.email], 'the person stays owner; added to a site again, they act');
  } finally {
    await ts.stop();
  }
});

test('an owner hands ownership over (add, then remove themselves); the last owner stays; others may not touch the list', async () => {
  const ts = await startTestServer();
  try {
    const owner = await createTestSite(ts);
    const tenant = await createTestSite(ts);
    const owners = (token: string) => api(ts, '/api/v1/admin/server-owners', { token });
    assert.deepEqual((await owners(owner.staffToken)).body, { owners: [owner.staff.email], fromConfig: false });
    assert.equal((await owners(tenant.staffToken)).status, 403, 'a tenant admin does not see the owners');
    const grab = await api(ts, '/api/v1/admin/server-owners', { token: tenant.staffToken, body: { email: tenant.staff.email } });
    assert.deepEqual([grab.status, grab.body.code], [403, 'forbidden'], 'nor make themselves one');
    const stranger = await api(ts, '/api/v1/admin/server-owners', { token: owner.staffToken, body: { email: 'nobody@nowhere.example' } });
    assert.deepEqual([stranger.status, stranger.body.code], [400, 'bad_request'], 'only a member of some site becomes owner');

    const added = await api(ts, '/api/v1/admin/server-owners', { token: owner.staffToken, body: { email: tenant.staff.email.toUpperCase() } });
    assert.deepEqual(added.body.owners, [owner.staff.email, tenant.staff.email]);
    assert.equal((await newSite(ts, tenant.staffToken)).status, 201, 'the new owner creates sites');
    const left = await api(ts, `/api/v1/admin/server-owners?email=${encodeURIComponent(owner.staff.email)}`, { token: owner.staffToken, method: 'DELETE' });
    assert.deepEqual(left.body.owners, [tenant.staff.email]);
    assert.equal((await newSite(ts, owner.staffToken)).status, 403, 'handed over: the old owner no longer creates sites');
    const last = await api(ts, `/api/v1/admin/server-owners?email=${encodeURIComponent(tenant.staff.email)}`, { token: tenant.staffToken, method: 'DELETE' });
    assert.deepEqual([last.status, last.body.code], [409, 'conflict']);
    assert.match(last.body.message, /last server owner/);
  } finally {
    await ts.stop();
  }
  const named = await startTestServer({ serverOwners: 'ops@example.com' });
  try {
    const first = await createTestSite(named);
    await named.server.store.createStaff({ siteId: first.site.id, email: 'ops@example.com', name: 'Ops', role: 'admin', passwordHash: first.staff.passwordHash });
    const ops = await loginStaff(named, 'ops@example.com');
    assert.equal((await newSite(named, first.staffToken)).status, 403, 'PARLEY_SERVER_OWNERS decides, not who came first');
    assert.equal((await newSite(named, ops)).status, 201);
    const change = await api(named, '/api/v1/admin/server-owners', { token: ops, body: { email: first.staff.email } });
    assert.deepEqual([change.status, change.body.code, change.body.fromConfig], [409, 'conflict', undefined]);
    assert.deepEqual((await api(named, '/api/v1/admin/server-owners', { token: ops })).body, { owners: ['ops@example.com'], fromConfig: true });
  } finally {
    await named.stop();
  }
});
