import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unreadById, unreadElsewhere } from './unread-elsewhere.ts';

test('unread replies elsewhere are the server counts of every conversation but the open one', () => {
  const counts = unreadById([
    { id: 'a', unread: 2 },
    { id: 'b', unread: 0 },
    { id: 'c', unread: 1 },
  ]);
  assert.equal(unreadElsewhere(counts, 'b'), 3);
  assert.equal(unreadElsewhere(counts, 'a'), 1, 'opening a conversation takes its replies out of the count');
  assert.equal(unreadElsewhere(counts, undefined), 3, 'a new conversation being written: all of them');
  assert.equal(unreadElsewhere({}, 'a'), 0);
});
