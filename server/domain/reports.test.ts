import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Report } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { csatOfCounts, medianOf } from './reports.ts';

/**
 * Reports against a seeded dataset whose figures are known by hand: the real server on SQLite, the
 * data made through the API on an injected clock (so "ten minutes later" is exact).
 */
const D0 = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 00:00 UTC
const H = 3_600_000;
const M = 60_000;
let clock = D0;
let ts: TestServer;
let t: TestSite;
let ben: { id: string; token: string };
let report: Report;

before(async () => {
  // The dataset spans two days of injected time with gaps longer than the staff idle timeout (8 h), which
  // would sign the agents out between their answers: the timeout has its own test, so it is off here.
  ts = await startTestServer({ staffIdleTimeoutSec: 0 }, { now: () => clock });
  t = await createTestSite(ts);
  const b = await addStaff(ts, t.site, 'agent');
  ben = { id: b.id, token: await loginStaff(ts, b.email) };
  const at = (ms: number) => (clock = ms);
  let n = 0;
  const visitorSays = async (token: string, id: string, text: string) =>
    (await api(ts, `/api/v1/conversations/${id}/messages`, { token, body: { clientId: `c${++n}`, text } })).body.conversationId as string;
  const staffSays = (token: string, id: string, text: string, note = false) => api(ts, `/api/v1/conversations/${id}/messages`, { token, body: { clientId: `s${++n}`, text, note } });
  const patch = (token: string, id: string, body: object) => api(ts, `/api/v1/conversations/${id}`, { method: 'PATCH', token, body });
  const rate = (token: string, id: string, score: number) => api(ts, `/api/v1/conversations/${id}/rating`, { token, body: { score } });

  // A: opened D0 09:00, the admin answers at 09:02 and resolves at 10:00; rated 5; assigned to the admin.
  const va = await newVisitor(ts, t.site);
  at(D0 + 9 * H);
  const a = await visitorSays(va.token, 'new', 'A: my order');
  await patch(t.staffToken, a, { assigneeId: t.staff.id });
  at(D0 + 9 * H + 2 * M);
  await staffSays(t.staffToken, a, 'on it');
  at(D0 + 10 * H);
  await patch(t.staffToken, a, { status: 'resolved' });
  await rate(va.token, a, 5);
  // B: opened D0 12:00, Ben answers at 12:10 and resolves D1 12:00; rated 3; assigned to Ben.
  const vb = await newVisitor(ts, t.site);
  at(D0 + 12 * H);
  const b2 = await visitorSays(vb.token, 'new', 'B: refund');
  await patch(t.staffToken, b2, { assigneeId: ben.id });
  at(D0 + 12 * H + 10 * M);
  await staffSays(ben.token, b2, 'refunded');
  at(D0 + 36 * H);
  await patch(ben.token, b2, { status: 'resolved' });
  await rate(vb.token, b2, 3);
  // C: opened D1 08:00, a note at 08:01 (not an answer), Ben answers at 08:05; still open.
  const vc = await newVisitor(ts, t.site);
  at(D0 + 32 * H);
  const c = await visitorSays(vc.token, 'new', 'C: stove');
  at(D0 + 32 * H + M);
  await staffSays(t.staffToken, c, 'check stock', true);
  at(D0 + 32 * H + 5 * M);
  await staffSays(ben.token, c, 'in stock');
  // D: opened D1 09:00, never answered. E: opened on D2, outside the range.
  at(D0 + 33 * H);
  await visitorSays((await newVisitor(ts, t.site)).token, 'new', 'D: hello?');
  at(D0 + 49 * H);
  await visitorSays((await newVisitor(ts, t.site)).token, 'new', 'E: later');

  const r = await api(ts, `/api/v1/reports?from=${D0}&to=${D0 + 48 * H}`, { token: t.staffToken });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  report = r.body;
});
after(() => ts.stop());

test('opened and resolved per day, every day of the range, with totals', () => {
  assert.deepEqual(report.days, [
    { day: '2026-03-02', opened: 2, resolved: 1 },
    { day: '2026-03-03', opened: 2, resolved: 1 },
  ]);
  assert.deepEqual(report.totals, { opened: 4, resolved: 2 });
});

test('median first response (notes do not count, unanswered ones are left out) and median resolution time', () => {
  // First replies after 2, 10 and 5 minutes: the median is 5 minutes.
  assert.deepEqual(report.firstResponse, { medianMs: 5 * M, count: 3 });
  // Resolved after 1 h and 24 h: the median is their mean, 12.5 h.
  assert.deepEqual(report.resolution, { medianMs: 12.5 * H, count: 2 });
});

test('CSAT average and distribution, and the same figures per agent', () => {
  assert.deepEqual(report.csat, { average: 4, count: 2, distribution: [0, 0, 1, 0, 1] });
  const byName = Object.fromEntries(report.agents.map((a) => [a.staffId, a]));
  assert.deepEqual(byName[t.staff.id], { staffId: t.staff.id, name: t.staff.name, resolved: 1, firstResponse: { medianMs: 2 * M, count: 1 }, csat: { average: 5, count: 1 } });
  assert.deepEqual(byName[ben.id].resolved, 1);
  assert.deepEqual(byName[ben.id].firstResponse, { medianMs: 7.5 * M, count: 2 });
  assert.deepEqual(byName[ben.id].csat, { average: 3, count: 1 });
});

test('days follow the asker\'s time zone; ranges are checked; only admins see reports', async () => {
  // UTC-10: A (09:00 UTC) and B (12:00 UTC) fall on 1 and 2 March there; C and D (08:00, 09:00 UTC on 3 March) on 2 March.
  const r = (await api(ts, `/api/v1/reports?from=${D0 - 14 * H}&to=${D0 + 34 * H}&tzOffset=-600`, { token: t.staffToken })).body as Report;
  assert.deepEqual(r.days.map((d) => [d.day, d.opened]), [['2026-03-01', 1], ['2026-03-02', 3]]);
  assert.equal((await api(ts, `/api/v1/reports?from=${D0}&to=${D0}`, { token: t.staffToken })).status, 400);
  assert.equal((await api(ts, `/api/v1/reports?from=${D0}&to=${D0 + 400 * 24 * H}`, { token: t.staffToken })).status, 400);
  assert.equal((await api(ts, `/api/v1/reports?from=${D0}&to=${D0 + H}`, { token: ben.token })).status, 403);
});

test('medians from their middle values (one for an odd count, two for an even one) and averages from counts; nothing to measure', () => {
  const middle = [
    { staffId: null, ms: 20, n: 3 },
    { staffId: 's1', ms: 25, n: 4 },
    { staffId: 's1', ms: 30, n: 4 },
    { staffId: 's2', ms: 7, n: 2 },
    { staffId: 's2', ms: 8, n: 2 },
  ];
  assert.deepEqual(medianOf(middle, null), { medianMs: 20, count: 3 });
  assert.deepEqual(medianOf(middle, 's1'), { medianMs: 28, count: 4 }, '27.5 rounds to whole ms');
  assert.deepEqual(medianOf(middle, 's2'), { medianMs: 8, count: 2 });
  assert.deepEqual(medianOf(middle, 's3'), { medianMs: null, count: 0 });
  assert.deepEqual(csatOfCounts([]), { average: null, count: 0, distribution: [0, 0, 0, 0, 0] });
  assert.deepEqual(csatOfCounts([{ score: 5, n: 1 }, { score: 4, n: 2 }]), { average: 4.33, count: 3, distribution: [0, 0, 0, 2, 1] });
  // PostgreSQL hands counts back as text: they are numbers here all the same.
  assert.deepEqual(csatOfCounts([{ score: '3', n: '2' } as never, { score: 1, n: 1 }]), { average: 2.33, count: 3, distribution: [1, 0, 2, 0, 0] });
});
