import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboxItem } from './api.ts';
import { createOutbox } from './outbox.ts';
import { memoryStorage } from './storage.ts';

const item = (clientId: string, text = clientId): OutboxItem => ({ clientId, text, createdAt: 1, status: 'pending' });

test('items persist in storage: a second outbox on the same storage sees them in order', () => {
  const storage = memoryStorage();
  const a = createOutbox(storage, 'k');
  a.add(item('1'));
  a.add(item('2'));
  const b = createOutbox(storage, 'k');
  assert.deepEqual(b.list().map((i) => i.clientId), ['1', '2']);
  b.remove('1');
  assert.deepEqual(a.list().map((i) => i.clientId), ['2'], 'both see the same queue (tabs share storage)');
});

test('storage keys separate sites and users', () => {
  const storage = memoryStorage();
  createOutbox(storage, 'site1:v1').add(item('1'));
  assert.deepEqual(createOutbox(storage, 'site1:v2').list(), []);
});

test('failed items are skipped by nextPending but listed; markPending brings them back in place', () => {
  const o = createOutbox(memoryStorage(), 'k');
  o.add(item('1'));
  o.add(item('2'));
  o.markFailed('1', { code: 'text_too_long', message: 'too long' });
  assert.equal(o.nextPending()?.clientId, '2');
  assert.deepEqual(o.list()[0], { ...item('1'), status: 'failed', error: { code: 'text_too_long', message: 'too long' } });
  o.markPending('1');
  assert.deepEqual(o.list()[0], item('1'));
  assert.equal(o.nextPending()?.clientId, '1');
});

test('the same clientId is never queued twice', () => {
  const o = createOutbox(memoryStorage(), 'k');
  o.add(item('1', 'first'));
  o.add(item('1', 'second'));
  assert.deepEqual(o.list().map((i) => i.text), ['first']);
});

test('storage that throws or holds garbage leaves a working in-memory outbox', () => {
  const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => {} };
  const o = createOutbox(throwing, 'k');
  o.add(item('1'));
  assert.deepEqual(o.list().map((i) => i.clientId), ['1']);
  const garbage = memoryStorage();
  garbage.setItem('k:outbox', '{not json');
  assert.deepEqual(createOutbox(garbage, 'k').list(), []);
  garbage.setItem('k:outbox', '{"a":1}');
  assert.deepEqual(createOutbox(garbage, 'k').list(), []);
});
