import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api } from '../http/test-client.ts';
import { createTestSite, TEST_PASSWORD } from '../realtime/test-helpers.ts';
import { startCluster } from './test-cluster.ts';

/** The per-account login limit holds across processes (Redis): two processes do not allow twice the guesses. */
test('guesses at one account spread over two processes share one budget', async () => {
  const cluster = await startCluster(2, { serverLimits: { loginAccountBurst: 6, loginAccountPerMin: 1 } });
  try {
    const [a, b] = cluster.nodes;
    const t = await createTestSite(a); // its sign-in on a took one of the six
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const node = i % 2 === 0 ? a : b;
      statuses.push((await api(node, '/api/v1/staff/login', { body: { email: t.staff.email, password: `guess ${i}` } })).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429], 'five more, then limited on both processes');
    const right = await api(b, '/api/v1/staff/login', { body: { email: t.staff.email, password: TEST_PASSWORD } });
    assert.equal(right.status, 429, 'the right password waits too, on the other process');
    const other = await createTestSite(b);
    assert.equal((await api(a, '/api/v1/staff/login', { body: { email: other.staff.email, password: TEST_PASSWORD } })).status, 200, 'another account is not affected');
  } finally {
    await cluster.stop();
  }
});
