import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { startChildStack } from '../../test/e2e/support/child-stack.ts';
import { waitUntil } from '../realtime/test-helpers.ts';
import { startSmtpSink } from './testing/smtp-sink.ts';

/**
 * The outbox's promise under a real crash: Parley runs as its own process (as `npm start` does), claims
 * a reply notification and connects to the mail server, which holds its greeting; the process is then
 * killed with SIGKILL, before the email was accepted. Started again on the same data, it sends the
 * email once its claim's lease has run out: exactly one email arrives.
 */
test('a crash between queueing and sending sends the email once after the restart', { timeout: 120_000 }, async () => {
  const sink = await startSmtpSink();
  const stack = await startChildStack({
    env: {
      PARLEY_SMTP_URL: sink.url,
      PARLEY_EMAIL_FROM: 'Acme <support@acme.test>',
      PARLEY_EMAIL_DELAY_MS: '0',
      PARLEY_EMAIL_POLL_MS: '50',
      PARLEY_EMAIL_LEASE_MS: '1500',
    },
  });
  const url = stack.parleyUrl;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const outbox = () => {
    const db = new Database(join(stack.dataDir, 'parley.db'), { readonly: true });
    try {
      return db.prepare("SELECT status, attempts FROM email_outbox WHERE kind = 'visitor.reply'").all() as { status: string; attempts: number }[];
    } finally {
      db.close();
    }
  };
  const toAnn = () => sink.received.filter((e) => e.envelope.to.includes('ann@example.com'));
  try {
    const session = await post('/api/v1/visitor/session', { siteKey: stack.siteKey, context: { url: 'http://localhost:3000/help' } });
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?site=${stack.siteKey}`);
    const acks = new Map<string, any>();
    ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.type === 'ack') acks.set(f.id, f.result);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const call = async (frame: Record<string, unknown>) => {
      ws.send(JSON.stringify(frame));
      await waitUntil(() => acks.has(frame.id as string), 30_000, `ack of ${frame.type}`);
      return acks.get(frame.id as string);
    };
    await call({ type: 'hello', id: 'h', v: 1, token: session.visitorToken });
    await call({ type: 'context.update', id: 'c', context: { url: 'http://localhost:3000/help', email: 'ann@example.com' } });
    const sent = await call({ type: 'message.send', id: 'm', clientId: 'q1', text: 'Is anyone there?' });
    ws.close();
    // The agents hear of the visitor's message first (delay 0): those emails go through normally.
    await sink.waitFor((e) => e.envelope.to.includes(stack.agents.a.email));
    await sink.waitFor((e) => e.envelope.to.includes(stack.agents.b.email));

    const held = sink.stall();
    const login = await post('/api/v1/staff/login', { email: stack.agents.a.email, password: stack.agents.a.password });
    await post(`/api/v1/conversations/${sent.conversationId}/messages`, { clientId: 'r1', text: 'Yes! How can we help?' }, login.token);
    await held.stalled; // claimed, and connected to the mail server: the email is in flight
    assert.deepEqual(outbox(), [{ status: 'sending', attempts: 1 }]);
    await stack.kill();
    assert.equal(toAnn().length, 0, 'nothing was accepted before the crash');

    held.release();
    await stack.start();
    const email = await sink.waitFor((e) => e.envelope.to.includes('ann@example.com'));
    assert.ok((email.parsed.text ?? '').includes('Yes! How can we help?'));
    await waitUntil(() => outbox()[0]?.status === 'sent', 30_000, 'the outbox marks it sent');
    assert.deepEqual(outbox(), [{ status: 'sent', attempts: 2 }]);
    assert.equal(toAnn().length, 1, 'sent once');
  } finally {
    await stack.stop();
    await sink.stop();
  }
});
