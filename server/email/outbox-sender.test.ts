import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { silentLogger } from '../log.ts';
import type { NewOutboxEmail } from '../store/email-records.ts';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/index.ts';
import { createSmtpMailer } from './mailer.ts';
import { createOutboxSender } from './outbox-sender.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

/** The outbox against a real SMTP server (smtp-server in this process) on a real SQLite file; the clock is the test's. */
const dir = mkdtempSync(join(tmpdir(), 'parley-outbox-'));
let store: SqliteStore;
let sink: SmtpSink;
let siteId: string;
let n = 0;
before(async () => {
  store = createSqliteStore({ file: join(dir, 'parley.db') });
  await store.migrate();
  siteId = (await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} })).id;
  sink = await startSmtpSink();
});
after(async () => {
  await sink.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const email = (at: number): NewOutboxEmail => {
  const id = `t${++n}-${Date.now()}`;
  return {
    siteId, conversationId: null, kind: 'transcript', dedupeKey: id, to: `ann+${id}@example.com`, subject: `Subject ${id}`,
    text: 'Plain', html: '<p>Rich</p>', headers: { 'Message-ID': `<${id}@parley.test>`, 'Reply-To': 'reply+x.y@parley.test', 'Auto-Submitted': 'auto-generated' }, at,
  };
};
const sender = (clock: { t: number }, owner = 'p1', url = sink.url) =>
  createOutboxSender({
    store, mailer: createSmtpMailer({ url, timeoutMs: 10_000 }), from: 'Acme <support@acme.test>', owner, now: () => clock.t,
    leaseMs: 60_000, maxAttempts: 4, retryBaseMs: 1_000, log: silentLogger,
  });
const row = async (e: NewOutboxEmail) => (await store.listOutbox({ siteId, limit: 1000 })).find((x) => x.dedupeKey === e.dedupeKey)!;
const delivered = (e: NewOutboxEmail) => sink.received.filter((r) => r.parsed.messageId === e.headers['Message-ID']);

test('a queued email is sent once, multipart, with its threading and reply headers', async () => {
  const clock = { t: 1_000 };
  const e = email(1_000);
  await store.enqueueEmails([e]);
  await sender(clock).run();
  const got = await sink.waitFor((r) => r.parsed.messageId === e.headers['Message-ID']);
  assert.equal(got.parsed.subject, e.subject);
  assert.equal(got.parsed.text?.trim(), 'Plain');
  assert.equal(got.parsed.html, '<p>Rich</p>');
  assert.equal(got.parsed.replyTo?.text, 'reply+x.y@parley.test');
  assert.equal(got.parsed.headers.get('auto-submitted'), 'auto-generated');
  assert.deepEqual(got.envelope.to, [e.to]);
  assert.equal((await row(e)).status, 'sent');
  await sender(clock).run();
  assert.equal(delivered(e).length, 1, 'a second run sends nothing again');
});

test('SMTP down, then refusing with 421, then up: delivered by the retries, with backoff', async () => {
  const clock = { t: 10_000 };
  const e = email(10_000);
  await store.enqueueEmails([e]);
  await sink.stop();
  await sender(clock).run();
  let r = await row(e);
  assert.equal(r.status, 'queued');
  assert.equal(r.attempts, 1);
  assert.equal(r.nextAttemptAt, 11_000, 'first retry after the base delay');
  assert.match(r.lastError ?? '', /ECONNREFUSED/);

  await sink.start();
  sink.refuse(1, 421);
  clock.t = 10_999;
  assert.equal(await sender(clock).run(), 0, 'not before its time');
  clock.t = 11_000;
  await sender(clock).run();
  r = await row(e);
  assert.equal(r.status, 'queued');
  assert.equal(r.attempts, 2);
  assert.equal(r.nextAttemptAt, 13_000, 'then twice as long');
  assert.match(r.lastError ?? '', /421/);
  assert.equal(delivered(e).length, 0);

  clock.t = 13_000;
  await sender(clock).run();
  assert.equal((await row(e)).status, 'sent');
  assert.equal(delivered(e).length, 1);
});

test('a permanent refusal (5xx) fails at once; the last attempt fails too', async () => {
  const clock = { t: 20_000 };
  const refused = email(20_000);
  await store.enqueueEmails([refused]);
  sink.refuse(1, 550);
  await sender(clock).run();
  const r = await row(refused);
  assert.equal(r.status, 'failed');
  assert.match(r.lastError ?? '', /550/);

  const unlucky = email(20_000);
  await store.enqueueEmails([unlucky]);
  const down = 'smtp://127.0.0.1:1';
  for (let i = 0; i < 4; i++) {
    await sender(clock, 'p1', down).run();
    clock.t += 60 * 60 * 1000;
  }
  const last = await row(unlucky);
  assert.equal(last.status, 'failed', 'given up after maxAttempts');
  assert.equal(last.attempts, 4);
});

test('two senders at once send each email once', async () => {
  const clock = { t: 30_000 };
  const emails = Array.from({ length: 12 }, () => email(30_000));
  await store.enqueueEmails(emails);
  await Promise.all([sender(clock, 'a').run(), sender(clock, 'b').run()]);
  for (const e of emails) assert.equal(delivered(e).length, 1, `${e.dedupeKey} delivered once`);
});
