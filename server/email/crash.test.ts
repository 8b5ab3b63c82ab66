import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import WebSocket from 'ws';
import { freePort } from '../../test/e2e/support/child-stack.ts';
import { seedSite } from '../../test/e2e/support/seed.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';
import { waitUntil } from '../realtime/test-helpers.ts';
import { startSmtpSink } from './testing/smtp-sink.ts';

/**
 * The outbox's promise under a real crash: Parley runs as its own process (as `npm start` does), claims
 * a reply notification and connects to the mail server, which holds its greeting; the process is then
 * killed with SIGKILL, before the email was accepted. Started again on the same data, it sends the
 * email once its claim's lease has run out: exactly one email arrives.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));

test('a crash between queueing and sending sends the email once after the restart', { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-email-crash-'));
  const dbFile = join(dataDir, 'parley.db');
  const seed = createSqliteStore({ file: dbFile });
  await seed.migrate();
  const { site, agents } = await seedSite(seed);
  await seed.close();
  const sink = await startSmtpSink();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_DEMO: '0', PARLEY_LOG_LEVEL: 'warn',
        PARLEY_SMTP_URL: sink.url, PARLEY_EMAIL_FROM: 'Acme <support@acme.test>', PARLEY_EMAIL_DELAY_MS: '0',
        PARLEY_EMAIL_POLL_MS: '50', PARLEY_EMAIL_LEASE_MS: '1500',
      },
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    await waitUntil(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 30_000, `Parley on ${url}:\n${log}`);
  };
  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  };
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const outbox = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare("SELECT status, attempts FROM email_outbox WHERE kind = 'visitor.reply'").all() as { status: string; attempts: number }[];
    } finally {
      db.close();
    }
  };
  try {
    await start();
    const session = await post('/api/v1/visitor/session', { siteKey: site.key, context: { url: 'http://localhost:3000/help' } });
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?site=${site.key}`);
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
    await sink.waitFor((e) => e.envelope.to.includes(agents.a.email));
    await sink.waitFor((e) => e.envelope.to.includes(agents.b.email));

    const held = sink.stall();
    const login = await post('/api/v1/staff/login', { email: agents.a.email, password: agents.a.password });
    await post(`/api/v1/conversations/${sent.conversationId}/messages`, { clientId: 'r1', text: 'Yes! How can we help?' }, login.token);
    await held.stalled; // claimed, and connected to the mail server: the email is in flight
    assert.deepEqual(outbox(), [{ status: 'sending', attempts: 1 }]);
    await kill();
    const toAnn = () => sink.received.filter((e) => e.envelope.to.includes('ann@example.com'));
    assert.equal(toAnn().length, 0, 'nothing was accepted before the crash');

    held.release();
    await start();
    const email = await sink.waitFor((e) => e.envelope.to.includes('ann@example.com'));
    assert.ok((email.parsed.text ?? '').includes('Yes! How can we help?'));
    await waitUntil(() => outbox()[0]?.status === 'sent', 30_000, 'the outbox marks it sent');
    assert.deepEqual(outbox(), [{ status: 'sent', attempts: 2 }]);
    assert.equal(toAnn().length, 1, 'sent once');
  } finally {
    await kill().catch(() => {});
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
