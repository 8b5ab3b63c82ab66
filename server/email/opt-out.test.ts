import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../store/store.ts';
import { addressKey } from '../store/address-key.ts';
import { setOptOut, setVisitorOptOut } from './opt-out.ts';

type OptOutWrite = Parameters<Store['setEmailOptOut']>[0];

/** Just what opt-out.ts touches: visitor reads counted, opt-out writes kept. */
function fakeStore(visitors: Record<string, { email?: string }>) {
  const reads: string[] = [];
  const writes: OptOutWrite[] = [];
  const store = {
    getVisitor: async (id: string) => (reads.push(id), visitors[id] ? { id, ...visitors[id] } : null),
    setEmailOptOut: async (input: OptOutWrite) => void writes.push(input),
  } as unknown as Store;
  return { store, reads, writes };
}

test('a visitor the caller holds is opted out with their address, and not read again', async () => {
  const { store, reads, writes } = fakeStore({ v1: { email: 'Eve@Example.com' } });
  await setVisitorOptOut(store, { id: 'v1', siteId: 's1', email: 'Eve@Example.com' }, true, 5);
  assert.deepEqual(reads, [], 'no second read');
  assert.deepEqual(writes, [{ siteId: 's1', kind: 'visitor', id: 'v1', optedOut: true, at: 5, addressKey: addressKey('Eve@Example.com') }]);
});

test('an unsubscribe link names only who: a visitor is read once for their address; staff and an erased visitor have none', async () => {
  const { store, reads, writes } = fakeStore({ v1: { email: 'eve@example.com' } });
  await setOptOut(store, { kind: 'visitor', id: 'v1', siteId: 's1' }, false, 6);
  await setOptOut(store, { kind: 'visitor', id: 'gone', siteId: 's1' }, true, 7);
  await setOptOut(store, { kind: 'staff', id: 'st1', siteId: 's1' }, true, 8);
  assert.deepEqual(reads, ['v1', 'gone'], 'staff are not looked up as visitors');
  assert.deepEqual(writes, [
    { siteId: 's1', kind: 'visitor', id: 'v1', optedOut: false, at: 6, addressKey: addressKey('eve@example.com') },
    { siteId: 's1', kind: 'visitor', id: 'gone', optedOut: true, at: 7 },
    { siteId: 's1', kind: 'staff', id: 'st1', optedOut: true, at: 8 },
  ]);
});
