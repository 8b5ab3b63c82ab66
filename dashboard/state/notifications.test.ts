import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification } from '../../protocol/index.ts';
import { applyNotificationEvent, applyPage, emptyNotifications, isStale, markReadLocally, unreadIn } from './notifications.ts';

const n = (id: string, conversationId = 'cnv_a', readAt: number | null = null): Notification => ({ id, kind: 'mention', conversationId, cursor: Number(id.slice(-1)), createdAt: 1, readAt });

test('the bell follows the server: pages, pushes and reads from any tab converge, read stays read', () => {
  let s = applyPage(emptyNotifications, { items: [n('ntf_2'), n('ntf_1', 'cnv_b')], nextCursor: null, state: { unread: 2, newestId: 'ntf_2' } }, true);
  assert.deepEqual([s.unread, s.items.map((x) => x.id), isStale(s, { unread: 2, newestId: 'ntf_2' })], [2, ['ntf_2', 'ntf_1'], false]);
  s = applyNotificationEvent(s, { kind: 'notification', notification: n('ntf_3'), state: { unread: 3, newestId: 'ntf_3' } });
  s = applyNotificationEvent(s, { kind: 'notification', notification: n('ntf_3'), state: { unread: 3, newestId: 'ntf_3' } });
  assert.deepEqual(s.items.map((x) => x.id), ['ntf_3', 'ntf_2', 'ntf_1'], 'newest first, a repeat is one');
  assert.equal(unreadIn(s, 'cnv_a'), 2);
  s = applyNotificationEvent(s, { kind: 'notifications.read', conversationId: 'cnv_a', readAt: 9, state: { unread: 1, newestId: 'ntf_3' } });
  assert.deepEqual(s.items.map((x) => x.readAt), [9, 9, null]);
  // A page fetched before that read arrived does not make them unread again.
  s = applyPage(s, { items: [n('ntf_3'), n('ntf_2')], nextCursor: 'ntf_2', state: { unread: 1, newestId: 'ntf_3' } }, false);
  assert.deepEqual(s.items.map((x) => x.readAt), [9, 9, null]);
  s = applyNotificationEvent(s, { kind: 'notifications.read', upTo: 'ntf_3', readAt: 10, state: { unread: 0, newestId: 'ntf_3' } });
  assert.deepEqual([s.unread, s.items.every((x) => x.readAt !== null)], [0, true]);
  assert.equal(isStale(s, { unread: 1, newestId: 'ntf_4' }), true, 'a hello that knows more reloads');
  const local = markReadLocally(applyPage(emptyNotifications, { items: [n('ntf_5')], nextCursor: null, state: { unread: 1, newestId: 'ntf_5' } }, true), () => true, 3);
  assert.deepEqual([local.unread, local.items[0].readAt], [0, 3]);
  s = applyNotificationEvent(s, { kind: 'notifications.preferences', preferences: { kinds: ['assigned'], sound: false, desktop: false } });
  assert.deepEqual(s.preferences, { kinds: ['assigned'], sound: false, desktop: false });
});
