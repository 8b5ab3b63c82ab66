import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent, PresenceEntry, ServerEvent } from '../../protocol/index.ts';
import { createTestSite, newVisitor, staffClient, visitorClient, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { createRedisPresence } from './redis-presence.ts';
import { REDIS_URL, startCluster, type TestCluster } from './test-cluster.ts';

const texts = (events: ServerEvent[]) =>
  events.filter((e): e is Extract<DurableEvent, { kind: 'message.created' }> => e.kind === 'message.created').map((e) => e.message.text);
const presenceOf = (events: ServerEvent[], actorId: string) =>
  events.filter((e): e is Extract<ServerEvent, { kind: 'presence' }> => e.kind === 'presence' && e.entry.actor.id === actorId).map((e) => e.entry.status);
const lastPresence = (c: TestClient, actorId: string) => presenceOf(c.events(), actorId).at(-1);

describe('scale-out: two processes on one PostgreSQL and one Redis', () => {
  let cluster: TestCluster;
  let A: TestCluster['nodes'][number];
  let B: TestCluster['nodes'][number];
  let s1: TestSite;
  let s2: TestSite;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);

  before(async () => {
    // Short presence ttl so the crashed-process test below sees expiry within a second; no offline
    // grace, so a closed socket is uncounted at once (the grace has its own test in liveness.test.ts).
    cluster = await startCluster(2, { presenceTtlMs: 600, visitorOfflineGraceMs: 0, limits: { rateBurst: 1000, ratePerSec: 1000 } });
    [A, B] = cluster.nodes;
    s1 = await createTestSite(A);
    s2 = await createTestSite(A);
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await cluster?.stop();
  });

  test('visitor on A and staff on B: messages both ways, read receipts, conversation updates, unread, live', async () => {
    const staff = track(await staffClient(B, s1.staffToken));
    const v = await newVisitor(A, s1.site);
    const visitor = track(await visitorClient(A, s1.site, v.token));

    const first = await visitor.call('message.send', { clientId: 'v1', text: 'hello from A' });
    const conv: string = first.conversationId;
    await staff.waitForEvents((es) => texts(es).includes('hello from A'));
    // The agent's counts are computed by B (which holds the socket) although A committed the message.
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'unread' && e.counts[conv] === 1));

    await staff.call('message.send', { conversationId: conv, clientId: 's1', text: 'reply from B' });
    await visitor.waitForEvents((es) => texts(es).includes('reply from B'));

    await staff.call('read', { conversationId: conv, seq: first.seq });
    await visitor.waitForEvents((es) => es.some((e) => e.kind === 'read.moved' && e.reader.kind === 'staff' && e.upTo >= first.seq));
    await staff.waitForEvents((es) => es.at(-1)?.kind === 'unread' || es.some((e) => e.kind === 'unread' && e.total === 0));

    await staff.call('conversation.update', { conversationId: conv, status: 'pending', assigneeId: s1.staff.id });
    await visitor.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversation.status === 'pending'));

    // A second message from A after the read: B pushes the new count.
    const second = await visitor.call('message.send', { clientId: 'v2', text: 'again' });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'unread' && e.counts[conv] === 1 && e.total === 1) && texts(es).includes('again'));
    assert.ok(second.seq > first.seq);
    // The visitor topic carries its own sends too (its other tabs and devices show them).
    assert.deepEqual(texts(visitor.events()), ['hello from A', 'reply from B', 'again']);
  });

  test('unread counts kept in memory stay right when the commits that move them are made on the other process', async () => {
    const site = await createTestSite(A);
    const { addStaff, loginStaff } = await import('../realtime/test-helpers.ts');
    const other = await addStaff(A, site.site);
    const onB = track(await staffClient(B, site.staffToken));
    const onA = track(await staffClient(A, await loginStaff(A, other.email)));
    const lastUnread = (c: TestClient) => c.events('unread').at(-1);
    const v1 = track(await visitorClient(A, site.site, (await newVisitor(A, site.site)).token));
    const v2 = track(await visitorClient(B, site.site, (await newVisitor(B, site.site)).token));
    // Twenty on A and ten on B, concurrently: each process hears the other's commits through Redis.
    const first = await v1.call('message.send', { clientId: 'u-0', text: 'm0' });
    const c1: string = first.conversationId;
    const sends = [
      ...Array.from({ length: 19 }, (_, i) => v1.call('message.send', { clientId: `u-a${i}`, text: 'a' })),
      ...Array.from({ length: 10 }, (_, i) => v2.call('message.send', { clientId: `u-b${i}`, text: 'b' })),
    ];
    const acks = await Promise.all(sends);
    const c2: string = acks.at(-1).conversationId;
    for (const s of [onA, onB]) await s.waitForEvents(() => lastUnread(s)?.counts[c1] === 20 && lastUnread(s)?.counts[c2] === 10);

    // The agent on A reads c1 up to its first message; a message of c2 is deleted on B.
    await onA.call('read', { conversationId: c1, seq: first.seq });
    await onB.call('message.delete', { conversationId: c2, messageId: acks.at(-1).messageId });
    await onA.waitForEvents(() => lastUnread(onA)?.counts[c1] === 19 && lastUnread(onA)?.counts[c2] === 9);
    await onB.waitForEvents(() => lastUnread(onB)?.counts[c1] === 20 && lastUnread(onB)?.counts[c2] === 9);
    // And both agree with the store.
    assert.deepEqual(lastUnread(onA)?.counts, await A.store.unreadForStaff(site.site.id, other.id));
    assert.deepEqual(lastUnread(onB)?.counts, await B.store.unreadForStaff(site.site.id, site.staff.id));
  });

  test("100 messages sent on A while the visitor's second device is away: it resumes on B and gets all, once, in order", async () => {
    const v = await newVisitor(A, s1.site);
    const phone = track(await visitorClient(A, s1.site, v.token));
    const start = await phone.call('message.send', { clientId: 'start', text: 'start' });
    const conv: string = start.conversationId;
    const laptop = await visitorClient(A, s1.site, v.token, { conversations: { [conv]: start.seq } });
    await laptop.close();

    const staff = track(await staffClient(A, s1.staffToken));
    const staffTab = track(await staffClient(A, s1.staffToken));
    // Commands on one socket commit in the order sent, so each sender pipelines its sends; the three
    // senders interleave (and their commits group), which is what the visitor's replay must untangle.
    const send = (i: number) =>
      i % 3 === 0
        ? phone.call('message.send', { clientId: `resume-p${i}`, text: `m${i}` })
        : (i % 3 === 1 ? staff : staffTab).call('message.send', { conversationId: conv, clientId: `resume-s${i}`, text: `m${i}` });
    await Promise.all(Array.from({ length: 60 }, (_, i) => send(i)));
    // The last 40 are sent while the laptop reconnects to B: some land before, during and after its replay.
    const sending = Promise.all(Array.from({ length: 40 }, (_, i) => send(60 + i)));
    const back = track(await visitorClient(B, s1.site, v.token, { conversations: { [conv]: start.seq } }));
    const acks = await sending;
    const lastSeq = Math.max(...acks.map((a) => a.seq));
    await back.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.seq === lastSeq));
    await back.call('ping');
    const got = back.events('message.created');
    assert.deepEqual(got.map((e) => e.message.text).sort(), Array.from({ length: 100 }, (_, i) => `m${i}`).sort(), 'all 100');
    const seqs = got.map((e) => e.seq);
    assert.deepEqual(seqs, Array.from({ length: 100 }, (_, i) => start.seq + 1 + i), 'once each, in seq order, no gap');
    assert.equal(new Set(seqs).size, seqs.length, 'no duplicates');
  });

  test('presence: a visitor online on A shows online to staff on B until their last socket on any process closes', async () => {
    const staff = track(await staffClient(B, s1.staffToken));
    const v = await newVisitor(A, s1.site);
    const onA = await visitorClient(A, s1.site, v.token);
    await staff.waitFor((f) => f.type === 'event' && f.event.kind === 'presence' && f.event.entry.actor.id === v.visitorId && f.event.entry.status === 'online');
    const site: { entries: PresenceEntry[] } = await staff.call('presence.query', {});
    assert.ok(site.entries.some((e) => e.actor.id === v.visitorId && e.status === 'online'), 'site-wide query on B sees the visitor on A');

    // A second device on B, then the socket on A closes: still online (one socket left, on B).
    const onB = await visitorClient(B, s1.site, v.token);
    const conv = (await onB.call('message.send', { clientId: 'x', text: 'hi' })).conversationId;
    await onA.close();
    const inConv: { entries: PresenceEntry[] } = await staff.call('presence.query', { conversationId: conv });
    assert.equal(inConv.entries.find((e) => e.actor.id === v.visitorId)?.status, 'online');
    assert.equal(lastPresence(staff, v.visitorId), 'online', 'closing one of two sockets announces nothing');

    await onB.close();
    await staff.waitForEvents(() => lastPresence(staff, v.visitorId) === 'offline');
    const afterClose: { entries: PresenceEntry[] } = await staff.call('presence.query', { conversationId: conv });
    assert.equal(afterClose.entries.find((e) => e.actor.id === v.visitorId)?.status, 'offline');
    assert.deepEqual(presenceOf(staff.events(), v.visitorId), ['online', 'offline'], 'one online, one offline, in that order');
  });

  test('staff availability set on B reaches visitors on A; the visitor on A sees staff connected to B as online', async () => {
    const site = await createTestSite(A);
    const v = await newVisitor(A, site.site);
    const visitor = track(await visitorClient(A, site.site, v.token));
    const availability = () => visitor.events('availability').at(-1)?.status ?? (visitor.helloResult as { availability?: string }).availability;
    assert.equal(availability(), 'offline', 'nobody of this site is connected yet');

    const staff = track(await staffClient(B, site.staffToken));
    await visitor.waitForEvents(() => availability() === 'online');
    await staff.call('presence.set', { status: 'away' });
    await visitor.waitForEvents(() => availability() === 'away');

    // A visitor arriving on A later learns the summary (in the hello ack or right after it).
    const v2 = await newVisitor(A, site.site);
    const late = track(await visitorClient(A, site.site, v2.token));
    const lateAvailability = () => late.events('availability').at(-1)?.status ?? (late.helloResult as { availability?: string }).availability;
    await late.waitForEvents(() => lateAvailability() === 'away');

    await staff.close();
    await visitor.waitForEvents(() => availability() === 'offline');
  });

  test("a crashed process's sockets expire: its visitor goes offline for staff on B", async () => {
    const staff = track(await staffClient(B, s1.staffToken));
    const ghost = 'visitor-on-a-crashed-process';
    // A third process that registers one visitor socket, then dies without saying goodbye.
    const crashed = await createRedisPresence({ url: REDIS_URL, prefix: cluster.prefix, bus: B.bus, ttlMs: 300 });
    await crashed.change({ siteId: s1.site.id, actor: { kind: 'visitor', id: ghost }, delta: 1 });
    await staff.waitForEvents(() => lastPresence(staff, ghost) === 'online');
    await crashed.close({ leave: false });
    await staff.waitForEvents(() => lastPresence(staff, ghost) === 'offline');
    const site: { entries: PresenceEntry[] } = await staff.call('presence.query', {});
    assert.ok(!site.entries.some((e) => e.actor.id === ghost));
  });

  test('a process that shuts down announces its visitors offline at once; they resume on another process', async () => {
    const staff = track(await staffClient(B, s1.staffToken));
    const C = await cluster.addNode();
    const v = await newVisitor(C, s1.site);
    const onC = track(await visitorClient(C, s1.site, v.token));
    const sent = await onC.call('message.send', { clientId: 'before-shutdown', text: 'on C' });
    await staff.waitForEvents(() => lastPresence(staff, v.visitorId) === 'online');
    await C.stop();
    await staff.waitForEvents(() => lastPresence(staff, v.visitorId) === 'offline');
    await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'while-away', text: 'while you were away' });
    const back = track(await visitorClient(A, s1.site, v.token, { conversations: { [sent.conversationId]: sent.seq } }));
    await back.call('ping');
    assert.deepEqual(texts(back.events()), ['while you were away']);
    await staff.waitForEvents(() => lastPresence(staff, v.visitorId) === 'online');
  });

  test("a site's staff on B never see another site's events", async () => {
    const other = track(await staffClient(B, s2.staffToken));
    const v = await newVisitor(A, s1.site);
    const visitor = track(await visitorClient(A, s1.site, v.token));
    const conv = (await visitor.call('message.send', { clientId: 'secret', text: 'site one only' })).conversationId;
    await visitor.call('typing', { conversationId: conv, typing: true });
    await visitor.close();
    // Then something on site 2, committed on A: once it arrived on B, site 1's earlier events had their chance.
    const v2 = await newVisitor(A, s2.site);
    const visitor2 = track(await visitorClient(A, s2.site, v2.token));
    await visitor2.call('message.send', { clientId: 'mine', text: 'site two' });
    await other.waitForEvents((es) => texts(es).includes('site two'));
    await visitor2.close();
    await other.waitForEvents(() => lastPresence(other, v2.visitorId) === 'offline');
    const leaked = other.events().filter((e) => JSON.stringify(e).includes(v.visitorId) || JSON.stringify(e).includes(conv) || JSON.stringify(e).includes('site one only'));
    assert.deepEqual(leaked, []);
    const unread = other.events('unread').at(-1);
    assert.ok(unread && !(conv in unread.counts));
  });
});
