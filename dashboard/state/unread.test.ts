import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUnreadEvent, emptyUnread, seedUnread, unreadOf } from './unread.ts';

test('pages seed counts and a summed total until the server speaks', () => {
  const s = seedUnread(emptyUnread, [{ id: 'a', unread: 2 }, { id: 'b', unread: 3 }]);
  assert.deepEqual(s.counts, { a: 2, b: 3 });
  assert.equal(s.total, 5);
  assert.equal(s.live, false);
});

test('an unread event is the complete picture: absent conversations have nothing unread', () => {
  let s = seedUnread(emptyUnread, [{ id: 'a', unread: 2 }, { id: 'b', unread: 1 }]);
  s = applyUnreadEvent(s, { kind: 'unread', counts: { c: 1, b: 4 }, total: 7 });
  assert.equal(unreadOf(s, 'a'), 0, 'a was read (in this tab or another)');
  assert.equal(unreadOf(s, 'b'), 4);
  assert.equal(unreadOf(s, 'c'), 1);
  assert.equal(s.total, 7, 'total is the server total across the site, not the loaded rows');
});

test('pages arriving after an event never resurrect counts', () => {
  let s = applyUnreadEvent(emptyUnread, { kind: 'unread', counts: {}, total: 0 });
  s = seedUnread(s, [{ id: 'a', unread: 2 }]);
  assert.equal(unreadOf(s, 'a'), 0);
  assert.equal(s.total, 0);
});

test('seeding nothing new keeps the same state object', () => {
  const s = seedUnread(emptyUnread, [{ id: 'a', unread: 1 }]);
  assert.equal(seedUnread(s, [{ id: 'a', unread: 5 }]), s);
  assert.equal(unreadOf(s, 'zzz'), 0);
});
