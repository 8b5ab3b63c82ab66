import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Timers } from './domain.ts';
import { createPresenceRegistry } from './presence.ts';
import { createTypingTracker } from './typing.ts';
import { createOfflineGrace } from './offline-grace.ts';

/** Manual timers: time moves only when the test says so. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && pending.delete(id)) t.fn();
    }
  };
  return { timers, advance, now: () => now };
}

const visitor = { kind: 'visitor' as const, id: 'v1' };

test('typing: reports starts, stops and due refreshes; expires after ttl without refresh', () => {
  const { timers, advance, now } = manualTimers();
  const typing = createTypingTracker(900, timers, now);
  let expired = 0;
  const onExpire = () => expired++;
  assert.equal(typing.set('c1', visitor, true, onExpire), true);
  advance(200);
  assert.equal(typing.set('c1', visitor, true, onExpire), false, 'a refresh within ttl/3 is not passed on');
  advance(200);
  assert.equal(typing.set('c1', visitor, true, onExpire), true, 'a refresh ttl/3 after the last report is passed on');
  advance(800);
  assert.equal(expired, 0, 'the refresh pushed expiry out');
  assert.equal(typing.isTyping('c1', visitor), true);
  advance(200);
  assert.equal(expired, 1);
  assert.equal(typing.isTyping('c1', visitor), false);
  assert.equal(typing.set('c1', visitor, false, onExpire), false, 'stopping when idle is not a change');
  assert.equal(typing.set('c1', visitor, true, onExpire), true);
  assert.equal(typing.set('c1', visitor, false, onExpire), true);
  advance(5000);
  assert.equal(expired, 1, 'a stopped indicator does not expire again');
});

test('presence: connection-counted, staff availability offline without connections', () => {
  const p = createPresenceRegistry();
  assert.equal(p.add('s1', visitor, 'a'), true);
  assert.equal(p.add('s1', visitor, 'b'), false);
  assert.equal(p.remove('s1', visitor, 'a'), false);
  assert.equal(p.isOnline(visitor), true);
  assert.equal(p.remove('s1', visitor, 'b'), true);
  assert.equal(p.isOnline(visitor), false);
  assert.equal(p.remove('s1', visitor, 'b'), false, 'removing twice is harmless');

  const agent = { kind: 'staff' as const, id: 'st1' };
  assert.equal(p.staffStatus('st1'), 'offline');
  assert.equal(p.summary('s1'), 'offline');
  p.add('s1', agent, 'x');
  assert.equal(p.staffStatus('st1'), 'online');
  p.choose('st1', 'busy');
  assert.equal(p.staffStatus('st1'), 'busy');
  assert.equal(p.summary('s1'), 'busy');
  assert.equal(p.summary('s2'), 'offline', 'other sites see nothing');
  p.remove('s1', agent, 'x');
  assert.equal(p.staffStatus('st1'), 'offline');
  p.add('s1', agent, 'y');
  assert.equal(p.staffStatus('st1'), 'busy', 'the choice survives a reconnect');

  // Staff listings and the summary see staff only, however many visitors are connected.
  p.add('s1', visitor, 'v1');
  const second = { kind: 'staff' as const, id: 'st2' };
  p.add('s1', second, 'z');
  assert.deepEqual(p.connectedStaff('s1').sort(), ['st1', 'st2']);
  assert.equal(p.summary('s1'), 'online', 'online beats busy');
  p.choose('st2', 'away');
  assert.equal(p.summary('s1'), 'busy', 'busy (there, occupied) beats away');
  p.remove('s1', second, 'z');
  assert.deepEqual(p.connectedStaff('s1'), ['st1']);
  assert.equal(p.summary('s1'), 'busy');
  assert.equal(p.entries('s1').length, 2, 'entries list the visitor and the agent');
});

test('offline grace: a visitor socket is uncounted after the grace, staff at once, everything at once after flush', () => {
  const { timers, advance } = manualTimers();
  const gone: string[] = [];
  const grace = createOfflineGrace({ disconnected: (_p, id) => void gone.push(id) }, 1000, timers);
  const v = { kind: 'visitor' as const, siteId: 's', visitorId: 'v' };
  const s = { kind: 'staff' as const, siteId: 's', staffId: 'st', role: 'agent' as const, sessionId: 'x' };
  grace.disconnected(v, 'c1');
  grace.disconnected(s, 'c2');
  assert.deepEqual(gone, ['c2'], 'staff at once');
  advance(999);
  assert.deepEqual(gone, ['c2']);
  advance(1);
  assert.deepEqual(gone, ['c2', 'c1']);
  grace.disconnected(v, 'c3');
  grace.flush();
  assert.deepEqual(gone, ['c2', 'c1', 'c3'], 'flush uncounts what is pending');
  grace.disconnected(v, 'c4');
  assert.deepEqual(gone, ['c2', 'c1', 'c3', 'c4'], 'after shutdown no timer is started');
  advance(5000);
  assert.equal(gone.length, 4, 'nothing twice');
});
