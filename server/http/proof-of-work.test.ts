import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { safeLocalStorage } from '../../client/index.ts';
import { openSession } from '../../widget/session.ts';
import { leadingZeroBits } from '../auth/proof-of-work.ts';
import { withTestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** The site setting proofOfWork (issue 17): new visitor sessions cost the browser work; returning visitors none. */
function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= bits) return String(n);
}

test('with proofOfWork on, a new session needs a solved, unused, live challenge of the site', async () => {
  let now = Date.now();
  await withTestServer({}, { now: () => now }, async (ts, t) => {
    const open = (extra: Record<string, unknown> = {}) => api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, ...extra } });
    assert.equal((await open()).status, 200, 'off by default');
    await ts.server.store.updateSite(t.site.id, { settings: { ...t.site.settings, proofOfWork: 10 } });

    const without = await open();
    assert.equal(without.status, 428);
    assert.equal(without.body.code, 'pow_required');
    const c = await api(ts, `/api/v1/visitor/challenge?siteKey=${t.site.key}`);
    assert.equal(c.body.difficulty, 10);
    const pow = { challenge: c.body.challenge, nonce: solve(c.body.challenge, 10) };
    let wrong = 0;
    while (leadingZeroBits(createHash('sha256').update(`${c.body.challenge}:${wrong}`).digest()) >= 10) wrong++;
    assert.match((await open({ pow: { challenge: c.body.challenge, nonce: String(wrong) } })).body.message, /does not solve/);
    const ok = await open({ pow });
    assert.equal(ok.status, 200);
    assert.match((await open({ pow })).body.message, /already used/);
    // A returning visitor (their token) does no work.
    assert.equal((await open({ visitorToken: ok.body.visitorToken })).status, 200);
    // A forged or expired challenge is refused.
    const forged = { challenge: c.body.challenge.replace(/.$/, (ch: string) => (ch === 'A' ? 'B' : 'A')), nonce: '1' };
    assert.match((await open({ pow: forged })).body.message, /not valid/);
    const late = await api(ts, `/api/v1/visitor/challenge?siteKey=${t.site.key}`);
    now += 121_000;
    assert.match((await open({ pow: { challenge: late.body.challenge, nonce: solve(late.body.challenge, 10) } })).body.message, /expired/);
  });
});

test("the widget's session solves the challenge by itself (its lazy chunk), once, for a new visitor", async () => {
  await withTestServer({}, async (ts, t) => {
    await ts.server.store.updateSite(t.site.id, { settings: { ...t.site.settings, proofOfWork: 8 } });
    const calls: string[] = [];
    const f: typeof fetch = (input, init) => {
      calls.push(String(input).replace(ts.server.url, ''));
      return fetch(input, init);
    };
    const deps = { fetch: f, storage: safeLocalStorage(), apiBase: ts.server.url, siteKey: t.site.key };
    const session = await openSession(deps, {});
    assert.match(session.visitorToken, /^ey/);
    assert.deepEqual(calls.map((u) => u.split('?')[0]), ['/api/v1/visitor/session', '/api/v1/visitor/challenge', '/api/v1/visitor/session']);
    calls.length = 0;
    await openSession(deps, {});
    assert.deepEqual(calls, ['/api/v1/visitor/session'], 'returning: no challenge');
  });
});
