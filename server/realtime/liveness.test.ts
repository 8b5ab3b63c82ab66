import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCodes } from '../../protocol/index.ts';
import { unrefTimers } from '../timers.ts';
import { connect, createTestSite, manualHeartbeat, newVisitor, startTestServer, staffClient, visitorClient, waitUntil, withTestServer, type TestServer, type TestSite } from './test-helpers.ts';

describe('liveness', () => {
  test('app heartbeat frames arrive; a client that stops answering pings is terminated', async () => {
    // The heartbeat interval is ticked by hand, so a loaded machine cannot make a healthy client late.
    const beat = manualHeartbeat();
    await withTestServer({}, { heartbeatTimer: beat.timer }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const healthy = await visitorClient(ts, a.site, v.token);
      const silent = await connect(ts, { site: a.site.key, wsOptions: { autoPong: false } });
      await silent.hello(v.token);
      beat.tick(); // ws ping + heartbeat frame to both
      await healthy.waitFor((f) => f.type === 'heartbeat');
      await silent.waitFor((f) => f.type === 'heartbeat');
      // The healthy client's automatic pong left before this command, so the server has it after the ack.
      await healthy.call('ping');
      beat.tick(); // the silent one never answered: terminated
      const { code } = await silent.closed;
      assert.equal(code, 1006, 'terminated without a close frame');
      // The healthy client got its second heartbeat and is still open.
      await healthy.waitFor((f) => f.type === 'heartbeat' && healthy.frames.filter((x) => x.type === 'heartbeat').length === 2);
      assert.equal(healthy.ws.readyState, healthy.ws.OPEN);
      await healthy.close();
    });
  });

  test('graceful shutdown closes sockets with 1001 and finishes in-flight sends', async () => {
    const ts = await startTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });
    const a = await createTestSite(ts);
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const pending = [];
    for (let i = 0; i < 20; i++) pending.push(vc.request('message.send', { clientId: `g${i}`, text: `bye ${i}` }).catch(() => null));
    await vc.waitFor((f) => f.type === 'ack' && f.id !== 'c1');
    const stopping = ts.server.close();
    const [vClose, sClose] = await Promise.all([vc.closed, staff.closed]);
    assert.equal(vClose.code, CloseCodes.goingAway);
    assert.equal(sClose.code, CloseCodes.goingAway);
    await stopping;
    // Every send that was acked is in the database.
    const acked = vc.frames.filter((f) => f.type === 'ack').length - 1;
    const { createSqliteStore } = await import('../store/sqlite/index.ts');
    const store = createSqliteStore({ file: ts.config.dbFile });
    const convs = await store.listVisitorConversations(v.visitorId);
    const history = convs.length ? await store.history(convs[0].id, { limit: 200, includeNotes: true }) : { messages: [] };
    assert.ok(history.messages.length >= acked, `${history.messages.length} stored >= ${acked} acked`);
    await store.close();
    await ts.stop();
    await Promise.all(pending);
  });
});

describe('presence, typing, unread', () => {
  test('visitor presence is connection-counted across tabs', async () => {
    await withTestServer({ visitorOfflineGraceMs: 0 }, async (ts, a) => {
      const staff = await staffClient(ts, a.staffToken);
      const v = await newVisitor(ts, a.site);
      const presenceOf = () => staff.events('presence').filter((e) => e.entry.actor.kind === 'visitor' && e.entry.actor.id === v.visitorId).map((e) => e.entry.status);
      const tabs = [];
      for (let i = 0; i < 3; i++) tabs.push(await visitorClient(ts, a.site, v.token));
      await staff.waitForEvents(() => presenceOf().length === 1);
      await tabs[0].close();
      await tabs[1].close();
      await staff.call('ping');
      const entries = await staff.call('presence.query', {});
      assert.ok(entries.entries.some((e: any) => e.actor.id === v.visitorId && e.status === 'online'));
      assert.deepEqual(presenceOf(), ['online']);
      await tabs[2].close();
      await staff.waitForEvents(() => presenceOf().length === 2);
      assert.deepEqual(presenceOf(), ['online', 'offline']);
      await staff.close();
    });
  });

  test('a visitor who reconnects within the offline grace never shows offline; one who leaves does after it', async () => {
    // Real timers, watched: the test waits for the first socket's grace to run out instead of sleeping past it.
    let gracesRunOut = 0;
    const domainTimers = {
      setTimeout: (fn: () => void, ms: number) => unrefTimers.setTimeout(() => (fn(), ms === 411 && gracesRunOut++), ms),
      clearTimeout: unrefTimers.clearTimeout,
    };
    await withTestServer({ visitorOfflineGraceMs: 411 }, { domainTimers }, async (ts, a) => {
      const staff = await staffClient(ts, a.staffToken);
      const v = await newVisitor(ts, a.site);
      const presenceOf = () => staff.events('presence').filter((e) => e.entry.actor.id === v.visitorId).map((e) => e.entry.status);
      const first = await visitorClient(ts, a.site, v.token);
      await staff.waitForEvents(() => presenceOf().length === 1);
      // A page change: the old socket closes, the next page's socket opens a moment later.
      await first.close();
      const second = await visitorClient(ts, a.site, v.token);
      const during = await staff.call('presence.query', {});
      assert.ok(during.entries.some((e: any) => e.actor.id === v.visitorId && e.status === 'online'));
      // The first socket's grace runs out while the second is open: still nothing to announce.
      await waitUntil(() => gracesRunOut === 1, 5_000, "the first socket's grace ran out");
      await staff.call('ping');
      assert.deepEqual(presenceOf(), ['online'], 'no offline/online flicker for a page change');
      await second.close();
      await staff.call('ping');
      assert.deepEqual(presenceOf(), ['online'], 'still online during the grace');
      await staff.waitForEvents(() => presenceOf().length === 2);
      assert.deepEqual(presenceOf(), ['online', 'offline']);
      await staff.close();
    });
  });

  test('staff availability: online on connect, chosen status, offline when the last tab closes; visitors see the summary', async () => {
    await withTestServer(async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const vc = await visitorClient(ts, a.site, v.token);
      assert.equal(vc.helloResult.availability, 'offline');
      const s1 = await staffClient(ts, a.staffToken);
      await vc.waitForEvents((es) => es.some((e) => e.kind === 'availability' && e.status === 'online'));
      const s2 = await staffClient(ts, a.staffToken);
      await s1.call('presence.set', { status: 'away' });
      await vc.waitForEvents((es) => es.some((e) => e.kind === 'availability' && e.status === 'away'));
      await s2.waitForEvents((es) => es.some((e) => e.kind === 'presence' && e.entry.actor.id === a.staff.id && e.entry.status === 'away'));
      await s1.close();
      await s2.close();
      await vc.waitForEvents((es) => es.at(-1)?.kind === 'availability' && (es.at(-1) as any).status === 'offline');
      await vc.close();
    });
  });

  /** A visitor with a conversation, typing in it, and a staff socket that has seen the start. */
  async function visitorTyping(ts: TestServer, a: TestSite) {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const sent = await vc.call('message.send', { clientId: 't', text: 'hi' });
    const staff = await staffClient(ts, a.staffToken);
    await vc.call('typing', { conversationId: sent.conversationId, typing: true });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'typing' && e.typing));
    return { vc, staff, sent };
  }

  test('typing reaches the other side and expires without a refresh', async () => {
    await withTestServer({ limits: { typingTtlMs: 150 } }, async (ts, a) => {
      const { vc, staff, sent } = await visitorTyping(ts, a);
      await staff.waitForEvents((es) => es.some((e) => e.kind === 'typing' && !e.typing));
      const typing = staff.events('typing').map((e) => e.typing);
      assert.deepEqual(typing, [true, false]);
      // Staff typing reaches the visitor.
      await staff.call('typing', { conversationId: sent.conversationId, typing: true });
      await vc.waitForEvents((es) => es.some((e) => e.kind === 'typing' && e.actor.kind === 'staff' && e.typing));
      await vc.close();
      await staff.close();
    });
  });

  test('a send ends its author typing (the stop published before the ack); a send without typing publishes none', async () => {
    await withTestServer(async (ts, a) => {
      const { vc, staff } = await visitorTyping(ts, a);
      await vc.call('message.send', { clientId: 'k2', text: 'typed' });
      // The stop is published before the ack, so the staff socket has it once a later ping is answered.
      await staff.call('ping');
      assert.deepEqual(staff.events('typing').map((e) => e.typing), [true, false]);
      await vc.call('message.send', { clientId: 'k3', text: 'not typing' });
      await staff.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.clientId === 'k3'));
      await staff.call('ping');
      assert.deepEqual(staff.events('typing').map((e) => e.typing), [true, false], 'no typing event for a send while not typing');
      await vc.close();
      await staff.close();
    });
  });

  test('unread counts are pushed per agent and drop when that agent reads', async () => {
    await withTestServer(async (ts, a) => {
      const { addStaff, loginStaff } = await import('./test-helpers.ts');
      const agent2 = await addStaff(ts, a.site);
      const s1 = await staffClient(ts, a.staffToken);
      const s2 = await staffClient(ts, await loginStaff(ts, agent2.email));
      const v = await newVisitor(ts, a.site);
      const vc = await visitorClient(ts, a.site, v.token);
      await vc.call('message.send', { clientId: 'u1', text: 'one' });
      const last = await vc.call('message.send', { clientId: 'u2', text: 'two' });
      const conv = last.conversationId;
      for (const s of [s1, s2]) await s.waitForEvents((es) => es.some((e) => e.kind === 'unread' && e.counts[conv] === 2 && e.total === 2));
      await s1.call('read', { conversationId: conv, seq: last.seq });
      await s1.waitForEvents((es) => { const u = es.filter((e) => e.kind === 'unread').at(-1) as any; return u && !u.counts[conv] && u.total === 0; });
      // s2 still has 2 unread: nothing changed for them.
      await s2.call('ping');
      const u2 = s2.events('unread').at(-1)!;
      assert.equal(u2.counts[conv], 2);
      await waitUntil(async () => (await ts.server.store.unreadForStaff(a.site.id, agent2.id))[conv] === 2);
      for (const c of [s1, s2, vc]) await c.close();
    });
  });
});

describe('token re-check', () => {
  test('a staff socket whose session is logged out is closed with 4011 at the next heartbeat', async () => {
    const beat = manualHeartbeat();
    await withTestServer({}, { heartbeatTimer: beat.timer }, async (ts, a) => {
      const staff = await staffClient(ts, a.staffToken);
      beat.tick();
      await staff.waitFor((f) => f.type === 'heartbeat');
      assert.equal(staff.ws.readyState, staff.ws.OPEN, 'a live session survives the re-check');
      await staff.call('ping');
      await ts.server.auth.staffLogout(await ts.server.auth.verifyAccessToken(a.staffToken));
      beat.tick();
      assert.equal((await staff.closed).code, CloseCodes.replaced);
    });
  });

  test('a socket whose token expired is closed with 4001 at the next heartbeat, not before', async () => {
    const beat = manualHeartbeat();
    let now = Date.now();
    await withTestServer({ visitorTokenTtlSec: 60, jwtClockToleranceSec: 5 }, { heartbeatTimer: beat.timer, now: () => now }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const visitor = await visitorClient(ts, a.site, v.token);
      now += 60_000; // expired, but within the clock tolerance
      beat.tick();
      await visitor.waitFor((f) => f.type === 'heartbeat');
      await visitor.call('ping');
      assert.equal(visitor.ws.readyState, visitor.ws.OPEN, 'within the tolerance the socket stays');
      now += 5_000;
      beat.tick();
      const closed = await visitor.closed;
      assert.equal(closed.code, CloseCodes.unauthorized);
      assert.equal(closed.reason, 'token_expired');
    });
  });
});
