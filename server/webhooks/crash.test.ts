import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { startChildStack } from '../../test/e2e/support/child-stack.ts';
import { waitUntil } from '../realtime/test-helpers.ts';
import { startReceiver } from './testing/receiver.ts';

/**
 * Deliveries under a real crash: Parley runs as its own process, claims the delivery and POSTs it; the
 * receiver holds the request without answering, and the process is killed with SIGKILL mid-request.
 * Started again on the same data, Parley sends the delivery again once its lease has run out, with the
 * same webhook-id: the receiver takes it exactly once (one 2xx answer for the one event).
 */
test('a kill -9 while a webhook is in flight: after the restart it is delivered once, with the same webhook-id', { timeout: 120_000 }, async () => {
  let holding = true;
  const rx = await startReceiver(() => (holding ? 'hang' : 200));
  const stack = await startChildStack({
    env: { PARLEY_WEBHOOK_ALLOW_PRIVATE: '1', PARLEY_WEBHOOK_POLL_MS: '50', PARLEY_WEBHOOK_TIMEOUT_MS: '2000', PARLEY_WEBHOOK_LEASE_MS: '6000', PARLEY_WEBHOOK_RETRY_MS: '100' },
  });
  const call = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(stack.parleyUrl + path, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const deliveries = () => {
    const db = new Database(join(stack.dataDir, 'parley.db'), { readonly: true });
    try {
      return db.prepare('SELECT id, status, attempts FROM webhook_deliveries').all() as { id: string; status: string; attempts: number }[];
    } finally {
      db.close();
    }
  };
  try {
    const admin = await call('/api/v1/staff/login', { email: stack.agents.a.email, password: stack.agents.a.password });
    await call('/api/v1/admin/webhooks', { url: rx.url, events: ['message.created'] }, admin.token);
    const session = await call('/api/v1/visitor/session', { siteKey: stack.siteKey });
    // The visitor's first message makes its conversation; its webhook is the one in flight.
    const sock = new WebSocket(`${stack.parleyUrl.replace('http', 'ws')}/ws?site=${stack.siteKey}`);
    await new Promise((resolve) => sock.once('open', resolve));
    const acked = new Promise<void>((resolve) => sock.on('message', (d) => JSON.parse(String(d)).id === 'm' && resolve()));
    sock.send(JSON.stringify({ type: 'hello', id: 'h', v: 1, token: session.visitorToken }));
    sock.send(JSON.stringify({ type: 'message.send', id: 'm', clientId: 'q1', text: 'Is my parcel lost?' }));
    await acked;
    sock.close();

    await waitUntil(() => rx.received.length === 1, 30_000, 'the webhook is in flight');
    assert.deepEqual(deliveries().map((d) => [d.status, d.attempts]), [['sending', 1]]);
    await stack.kill();

    holding = false;
    await stack.start();
    await waitUntil(() => deliveries()[0]?.status === 'delivered', 60_000, 'delivered after the restart');
    assert.deepEqual(deliveries().map((d) => [d.status, d.attempts]), [['delivered', 2]]);
    assert.equal(rx.received.length, 2, 'sent again once, after the lease');
    assert.deepEqual(new Set(rx.received.map((r) => r.headers['webhook-id'])), new Set([deliveries()[0].id]), 'the same webhook-id both times');
    assert.equal(rx.received[1].json.data.message.text, 'Is my parcel lost?');
  } finally {
    await stack.stop();
    await rx.close();
  }
});
