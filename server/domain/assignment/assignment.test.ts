import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SiteSettings } from '../../../protocol/index.ts';
import { api } from '../../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, startTestServer, visitorClient, type TestClient, type TestServer, type TestSite } from '../../realtime/test-helpers.ts';

/**
 * Automatic assignment, business hours and the reply time against the real server (SQLite, sockets,
 * REST), with an injected clock. The sweep does not run by itself here (PARLEY_ASSIGNMENT_CHECK_MS=0):
 * the tests call it, so "eleven minutes later" takes no time and nothing happens behind their back.
 */
let clock = Date.parse('2026-12-02T09:00:00Z'); // a Wednesday, 10:00 in Berlin
const minutes = (n: number) => (clock += n * 60_000);
let ts: TestServer;
before(async () => {
  ts = await startTestServer({ assignmentCheckMs: 0, replyTimeMinSamples: 2 }, { now: () => clock });
});
after(() => ts.stop());

let n = 0;
const cid = () => `c-${++n}`;
const settle = () => ts.server.domain.sweepRouting();
const closers: TestClient[] = [];
after(() => Promise.all(closers.map((c) => c.close())));

async function siteWith(settings: SiteSettings, agents = 2): Promise<{ t: TestSite; agents: { id: string; token: string; name: string }[] }> {
  const t = await createTestSite(ts);
  const res = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const list = [];
  for (let i = 0; i < agents; i++) {
    const s = await addStaff(ts, t.site, 'agent');
    list.push({ id: s.id, name: s.name, token: await loginStaff(ts, s.email) });
  }
  return { t, agents: list };
}
async function online(token: string) {
  const c = await staffClient(ts, token);
  closers.push(c);
  return c;
}
/** A visitor writes a minute after the previous one (the queue is in order of arrival; ties go by id). */
async function visitorWrites(t: TestSite) {
  minutes(1);
  const v = await newVisitor(ts, t.site);
  const vc = await visitorClient(ts, t.site, v.token, { conversations: {} });
  closers.push(vc);
  const sent = await vc.call('message.send', { clientId: cid(), text: 'hello?' });
  return { vc, id: sent.conversationId as string, visitorId: v.visitorId, token: v.token };
}
const assigneeOf = async (id: string) => (await ts.server.store.getConversation(id))?.assigneeId ?? null;

test('a new conversation goes to an available agent under capacity; when all are full it waits, oldest first, and is assigned when a place frees', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'least_busy', capacity: 1 } });
  const [a, b] = agents;
  const aws = await online(a.token);
  await online(b.token);
  const admin = await online(t.staffToken); // admins are agents too, but this one is away
  await admin.call('presence.set', { status: 'away' });

  const first = await visitorWrites(t);
  const second = await visitorWrites(t);
  await ts.server.domain.sweepRouting(); // nothing left to do: arrivals assign at once
  const got = [await assigneeOf(first.id), await assigneeOf(second.id)];
  assert.deepEqual(new Set(got), new Set([a.id, b.id]), 'one each: capacity 1');
  await aws.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.auto === true && e.conversationId === second.id));
  const ev = aws.events('conversation.updated').find((e) => e.conversationId === first.id && e.auto)!;
  assert.equal(ev.changes.assigneeId, got[0]);
  assert.equal(ev.assigneeName, agents.find((x) => x.id === got[0])!.name);

  // Everyone is full: the next two wait, in arrival order, and their visitors hear their place.
  const third = await visitorWrites(t);
  const fourth = await visitorWrites(t);
  await settle();
  assert.deepEqual([await assigneeOf(third.id), await assigneeOf(fourth.id)], [null, null], JSON.stringify({ admin: t.staff.id, a: a.id, b: b.id }));
  await fourth.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 2));
  await third.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 1));
  await aws.waitForEvents((es) => es.some((e) => e.kind === 'queue.changed' && e.waiting === 2));
  assert.deepEqual((await api(ts, '/api/v1/queue', { token: a.token })).body, { waiting: 2, conversationIds: [third.id, fourth.id] });
  assert.equal((await api(ts, '/api/v1/queue', { token: (await newVisitor(ts, t.site)).token })).status, 403, 'staff only');
  // A visitor who connects again learns their place in the hello.
  const again = await visitorClient(ts, t.site, fourth.token);
  closers.push(again);
  assert.deepEqual(again.helloResult.queue, [{ conversationId: fourth.id, position: 2 }]);

  // The agent holding `first` resolves it: the oldest waiting conversation is theirs now.
  const holder = got[0] === a.id ? a : b;
  assert.equal((await api(ts, `/api/v1/conversations/${first.id}`, { method: 'PATCH', token: holder.token, body: { status: 'resolved' } })).status, 200);
  await third.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 0));
  assert.equal(await assigneeOf(third.id), holder.id);
  assert.equal(await assigneeOf(fourth.id), null);
  await fourth.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 1));
  // The visitor sees the assignment too (a durable event like any).
  await third.vc.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.auto === true));
});

test('an agent coming online takes the waiting conversation at once; away and busy agents get none', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'round_robin', agents: {} } });
  const [a, b] = agents;
  const aws = await online(a.token);
  await aws.call('presence.set', { status: 'busy' });
  const w = await visitorWrites(t);
  await settle();
  assert.equal(await assigneeOf(w.id), null, 'busy agents take no new conversations');
  await online(b.token);
  await w.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 0));
  assert.equal(await assigneeOf(w.id), b.id);
});

test('per-agent capacity: 0 takes an agent out, a number of their own overrides the site\'s', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'least_busy', capacity: 1 } });
  const [a, b] = agents;
  await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { assignment: { mode: 'least_busy', capacity: 1, agents: { [a.id]: 0, [b.id]: 3 } } } } });
  await online(a.token);
  await online(b.token);
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push((await visitorWrites(t)).id);
  await settle();
  assert.deepEqual(await Promise.all(ids.map(assigneeOf)), [b.id, b.id, b.id, null]);
});

test('an agent away longer than the site allows has what waits on them returned to the queue, and it goes to someone there', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'least_busy', capacity: 5, awayTimeoutMinutes: 10 } });
  const [a, b] = agents;
  const aws = await online(a.token);
  const w = await visitorWrites(t);
  assert.equal(await assigneeOf(w.id), a.id);
  await aws.call('presence.set', { status: 'away' });
  await settle(); // seen away now
  minutes(9);
  await settle();
  assert.equal(await assigneeOf(w.id), a.id, 'not yet ten minutes');
  minutes(2);
  await settle();
  assert.equal(await assigneeOf(w.id), null, 'back in the queue: nobody is available');
  const back = (await ts.server.store.eventsAfterSeq(w.id, 0, 50, false)).filter((e) => e.kind === 'conversation.updated' && e.auto && e.changes.assigneeId === null);
  assert.equal(back.length, 1);
  await online(b.token);
  await w.vc.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.assigneeId === b.id));
  assert.equal(await assigneeOf(w.id), b.id);
});

test('every online agent at capacity: visitors are told all agents are busy and how many wait, in the hello and live; a freed place says so', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'least_busy', capacity: 1 } }, 1);
  const [a] = agents;
  const aws = await online(a.token);
  const browsing = await visitorClient(ts, t.site, (await newVisitor(ts, t.site)).token);
  closers.push(browsing);
  assert.deepEqual(browsing.helloResult.capacity, { full: false, waiting: 0 });
  assert.equal(browsing.helloResult.availability, 'online');
  const first = await visitorWrites(t);
  assert.equal(await assigneeOf(first.id), a.id);
  await browsing.waitForEvents((es) => es.some((e) => e.kind === 'capacity' && e.full && e.waiting === 0));
  const second = await visitorWrites(t);
  await settle();
  await browsing.waitForEvents((es) => es.some((e) => e.kind === 'capacity' && e.full && e.waiting === 1));
  const late = await visitorClient(ts, t.site, (await newVisitor(ts, t.site)).token);
  closers.push(late);
  assert.deepEqual(late.helloResult.capacity, { full: true, waiting: 1 }, 'a new page learns it in its hello');
  // The agent resolves the first: the second takes the place, and the agent is full again.
  await aws.call('conversation.update', { conversationId: first.id, status: 'resolved' });
  await second.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 0));
  assert.equal(await assigneeOf(second.id), a.id);
  await browsing.waitForEvents((es) => es.some((e) => e.kind === 'capacity' && e.full && e.waiting === 0 && es.indexOf(e) > es.findIndex((x) => x.kind === 'capacity' && x.waiting === 1)));
  // They resolve that one too: room again, visitors hear "not full".
  await aws.call('conversation.update', { conversationId: second.id, status: 'resolved' });
  await browsing.waitForEvents((es) => es.filter((e) => e.kind === 'capacity').at(-1)?.full === false);
  // Busy by choice: the summary visitors get is busy, not away.
  await aws.call('presence.set', { status: 'busy' });
  await browsing.waitForEvents((es) => es.some((e) => e.kind === 'availability' && e.status === 'busy'));
});

test('assignment off (the default): conversations stay unassigned and nobody is told a queue', async () => {
  const { t, agents } = await siteWith({});
  await online(agents[0].token);
  const w = await visitorWrites(t);
  await settle();
  assert.equal(await assigneeOf(w.id), null);
  assert.equal(w.vc.events('queue.position').length, 0);
  // Nor staff: an unassigned conversation is not "No. 1 in queue" when nothing takes from the queue.
  assert.deepEqual((await api(ts, '/api/v1/queue', { token: agents[0].token })).body, { waiting: 0, conversationIds: [] });
});

test('turning assignment off empties the queue staff and waiting visitors were told', async () => {
  const { t, agents } = await siteWith({ assignment: { mode: 'least_busy', capacity: 1 } }, 1);
  const aws = await online(agents[0].token);
  await visitorWrites(t); // the agent's one place
  const waits = await visitorWrites(t);
  await settle();
  await aws.waitForEvents((es) => es.some((e) => e.kind === 'queue.changed' && e.waiting === 1));
  await waits.vc.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position === 1));
  const res = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { assignment: { mode: 'off' } } } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  await aws.waitForEvents((es) => es.filter((e) => e.kind === 'queue.changed').at(-1)?.waiting === 0);
  await waits.vc.waitForEvents((es) => es.filter((e) => e.kind === 'queue.position').at(-1)?.position === 0);
  assert.deepEqual((await api(ts, '/api/v1/queue', { token: agents[0].token })).body, { waiting: 0, conversationIds: [] });
});

test('visitors see the hours (open until, or back at) and never the assignment rules; the sweep tells them when it opens', async () => {
  const week = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:00' }));
  const { t } = await siteWith({ businessHours: { timezone: 'Europe/Berlin', week }, assignment: { mode: 'least_busy' } }, 0);
  const bad = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { businessHours: { timezone: 'Mars/Olympus', week } } } });
  assert.deepEqual([bad.status, bad.body.code], [400, 'bad_request']);
  assert.match(bad.body.message, /IANA time zone/);
  const noDate = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { businessHours: { timezone: 'UTC', week, holidays: ['2026-02-30'] } } } });
  assert.equal(noDate.status, 400);

  const v = await newVisitor(ts, t.site);
  const open = await visitorClient(ts, t.site, v.token);
  closers.push(open);
  assert.deepEqual(open.helloResult.hours, { open: true, until: Date.parse('2026-12-02T16:00:00Z') });
  assert.equal(open.helloResult.site.settings.assignment, undefined, 'staff ids and capacities are not for visitors');
  const session = await api(ts, '/api/v1/visitor/session', { method: 'POST', body: { siteKey: t.site.key } });
  assert.equal(session.status, 200);
  assert.equal(session.body.site.settings.assignment, undefined, 'nor in the REST session');
  assert.ok(session.body.site.settings.businessHours);
  assert.ok(open.helloResult.site.settings.businessHours);

  // A settings change reaches open widgets (site.updated) without the assignment rules too.
  assert.equal((await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { businessHours: { timezone: 'Europe/Berlin', week }, assignment: { mode: 'round_robin' } } } })).status, 200);
  await open.waitForEvents((es) => es.some((e) => e.kind === 'site.updated'));
  const pushed = open.events('site.updated').at(-1)!;
  assert.equal(pushed.site.settings.assignment, undefined);
  assert.ok(pushed.site.settings.businessHours);
  await settle(); // the sweep learns the state
  clock = Date.parse('2026-12-02T16:01:00Z'); // 17:01 in Berlin
  await settle();
  await open.waitForEvents((es) => es.some((e) => e.kind === 'hours' && !e.hours.open));
  const closed = open.events('hours').at(-1)!;
  assert.deepEqual(closed.hours, { open: false, until: Date.parse('2026-12-03T08:00:00Z') });
  const late = await visitorClient(ts, t.site, v.token);
  closers.push(late);
  assert.deepEqual(late.helloResult.hours, closed.hours);
});

test('the usual reply time is the median first reply of conversations opened in hours', async () => {
  const week = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, from: '00:00', to: '00:00' }));
  const { t } = await siteWith({ businessHours: { timezone: 'UTC', week } }, 0);
  const fresh = await visitorClient(ts, t.site, (await newVisitor(ts, t.site)).token);
  closers.push(fresh);
  assert.equal(fresh.helloResult.replyMinutes, undefined, 'no answers yet: the configured text is shown');
  const staff = await online(t.staffToken);
  for (const after of [4, 6, 20]) {
    const w = await visitorWrites(t);
    minutes(after);
    await staff.call('message.send', { clientId: cid(), conversationId: w.id, text: 'hi there' });
  }
  // Minutes after the last computation (kept ten minutes), a new hello has the median: 6.
  minutes(11);
  const later = await visitorClient(ts, t.site, (await newVisitor(ts, t.site)).token);
  closers.push(later);
  assert.equal(later.helloResult.replyMinutes, 6);
});
