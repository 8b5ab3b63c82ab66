import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientCommand } from '../protocol/index.ts';
import { createRequests } from './requests.ts';

const collect = () => {
  const frames: ClientCommand[] = [];
  return { frames, send: (f: ClientCommand) => (frames.push(f), true) };
};
const outcome = (p: Promise<unknown>) => p.then((v) => ({ ok: v }), (e) => ({ err: e }));
const answered = () => {
  const calls: unknown[] = [];
  return { calls, answer: (err: unknown, result?: unknown) => calls.push(err ? { err } : { ok: result }) };
};

test('queued commands get fresh correlation ids when flushed, in order', () => {
  let n = 0;
  const r = createRequests(() => `c${++n}`);
  void r.enqueue({ type: 'read', conversationId: 'a', seq: 1 });
  void r.enqueue({ type: 'typing', conversationId: 'a', typing: true });
  const { frames, send } = collect();
  r.flush(send);
  assert.deepEqual(frames.map((f) => [f.id, f.type]), [['c1', 'read'], ['c2', 'typing']]);
});

test('answers exactly once, synchronously: a second ack or a late error for the same id is ignored', () => {
  const r = createRequests(() => 'x');
  const { calls, answer } = answered();
  r.sendNow({ type: 'ping' }, collect().send, answer);
  assert.equal(r.settle('x', { t: 1 }), true);
  assert.deepEqual(calls, [{ ok: { t: 1 } }]);
  assert.equal(r.settle('x', { t: 2 }), false);
  assert.equal(r.settle('x', undefined, { code: 'internal', message: 'late' }), false);
  assert.deepEqual(calls, [{ ok: { t: 1 } }]);
  assert.equal(r.size, 0);
});

test('an error frame rejects with its code', async () => {
  const r = createRequests(() => 'x');
  const p = outcome(r.enqueue({ type: 'presence.query' }));
  r.flush(collect().send);
  r.settle('x', undefined, { code: 'rate_limited', message: 'slow down' });
  assert.deepEqual(await p, { err: { code: 'rate_limited', message: 'slow down' } });
});

test('disconnect: non-idempotent in-flight commands reject as retryable "disconnected"; idempotent ones are resent', async () => {
  let n = 0;
  const r = createRequests(() => `c${++n}`);
  const first = collect();
  const typing = outcome(r.enqueue({ type: 'typing', conversationId: 'a', typing: true }));
  const read = outcome(r.enqueue({ type: 'read', conversationId: 'a', seq: 3 }));
  r.flush(first.send);
  r.disconnected();
  assert.deepEqual(await typing, { err: { code: 'disconnected', message: 'The connection was lost before the server answered.' } });

  const second = collect();
  r.flush(second.send);
  assert.deepEqual(second.frames, [{ type: 'read', conversationId: 'a', seq: 3, id: 'c3' }]);
  assert.equal(r.settle('c2', { seq: 3 }), false, 'the ack for the old socket id settles nothing');
  r.settle('c3', { seq: 3 });
  assert.deepEqual(await read, { ok: { seq: 3 } });
});

test('commands still queued (never sent) survive a disconnect', () => {
  let n = 0;
  const r = createRequests(() => `c${++n}`);
  void r.enqueue({ type: 'typing', conversationId: 'a', typing: false });
  r.disconnected();
  const { frames, send } = collect();
  r.flush(send);
  assert.equal(frames.length, 1);
});

test('rejectAll settles queued and in-flight alike', async () => {
  let n = 0;
  const r = createRequests(() => `c${++n}`);
  const a = outcome(r.enqueue({ type: 'read', conversationId: 'a', seq: 1 }));
  r.flush(collect().send);
  const b = outcome(r.enqueue({ type: 'read', conversationId: 'a', seq: 2 }));
  r.rejectAll({ code: 'stopped', message: 'stopped' });
  assert.deepEqual([await a, await b], [{ err: { code: 'stopped', message: 'stopped' } }, { err: { code: 'stopped', message: 'stopped' } }]);
  assert.equal(r.size, 0);
});
