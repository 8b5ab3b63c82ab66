import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store/store.ts';
import { createStaffNames } from './staff-names.ts';

/** A store that knows two staff members and counts its reads. */
function fakeStore() {
  const reads: string[] = [];
  const names: Record<string, string> = { s1: 'Ada', s2: 'Bo' };
  const store = { getStaff: async (id: string) => (reads.push(id), names[id] ? { id, name: names[id] } : null) } as unknown as Store;
  return { store, reads };
}

test('staff names: known() answers without a read once get() has read the name, and nothing before', async () => {
  const { store, reads } = fakeStore();
  const names = createStaffNames(store);
  assert.equal(names.known('s1'), undefined, 'not read yet: the caller must await get()');
  assert.equal(await names.get('s1'), 'Ada');
  assert.equal(names.known('s1'), 'Ada');
  assert.equal(await names.get('s1'), 'Ada');
  assert.deepEqual(reads, ['s1'], 'one read, however often the name is asked');
  assert.equal(await names.get('nobody'), undefined);
  assert.equal(names.known('nobody'), undefined, 'an unknown member is not cached');
  names.forget('s1');
  assert.equal(names.known('s1'), undefined, 'forget() drops it (a rename)');
});

test('staff names: known() counts as a use for the least-recently-used bound', async () => {
  const { store, reads } = fakeStore();
  const names = createStaffNames(store, 2);
  await names.get('s1');
  await names.get('s2');
  names.known('s1'); // s2 is now the least recently used
  await names.get('nobody'); // not cached: nothing is evicted
  Object.assign(store, { getStaff: async (id: string) => (reads.push(id), { id, name: id.toUpperCase() }) });
  await names.get('s3');
  assert.equal(names.known('s1'), 'Ada');
  assert.equal(names.known('s2'), undefined, 's2 was evicted, not s1');
});
