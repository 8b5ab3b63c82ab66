import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryLedger } from './ledger.ts';
import { summarize } from './stats.ts';
import { formatTag, parseTag } from './tag.ts';

test('ledger counts missing and duplicated receipts per intended receiver', () => {
  const l = new DeliveryLedger();
  l.expect(0, 2); // a visitor message for two staff connections
  l.expect(1, 1); // a staff reply for one visitor
  assert.equal(l.receive(0, 0, 1.5, true), true);
  assert.equal(l.receive(0, 0, 9, true), false); // duplicate
  assert.equal(l.receive(0, 5, 1, true), false); // not an intended receiver: ignored
  assert.equal(l.receive(7, 0, 1, true), false); // never sent: ignored
  assert.equal(l.expected(), 3);
  assert.equal(l.missing(), 2); // staff 1 of message 0, and message 1
  assert.equal(l.duplicates(), 1);
  assert.deepEqual([...l.latency.view()], [1.5]); // only first copies are measured
});

test('ledger grows past its first allocation', () => {
  const l = new DeliveryLedger();
  for (let k = 0; k < 5000; k++) l.expect(k, 2);
  for (let k = 0; k < 5000; k++) l.receive(k, 1, 1, false);
  assert.equal(l.missing(), 5000);
  assert.equal(l.latency.length, 0);
});

test('summarize uses nearest-rank percentiles', () => {
  const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
  assert.deepEqual([s.p50, s.p95, s.p99, s.max, s.count], [50, 95, 99, 100, 100]);
  assert.equal(summarize([]).count, 0);
});

test('tags round-trip and reject other text', () => {
  assert.deepEqual(parseTag(formatTag({ from: 's', phase: 3, k: 42, t: 12.3456 })), { from: 's', phase: 3, k: 42, t: 12.346 });
  assert.equal(parseTag('hello from visitor 1'), null);
  assert.equal(parseTag('x|1|2|3'), null);
});
