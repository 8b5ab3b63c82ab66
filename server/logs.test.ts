import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROTOCOL_VERSION } from '../protocol/index.ts';
import { createLogger } from './log.ts';
import { api } from './http/test-client.ts';
import { connect, createTestSite, newVisitor, startTestServer, staffClient, visitorClient } from './realtime/test-helpers.ts';

test('logs at debug level never contain tokens, passwords or secrets', async () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
  const ts = await startTestServer({}, { log });
  const secrets: string[] = [ts.config.secret!];
  try {
    const a = await createTestSite(ts);
    secrets.push(a.staffToken, a.site.identitySecret);
    const password = 'a long enough password 42';
    const created = await api(ts, '/api/v1/admin/staff', { token: a.staffToken, body: { email: 'log@example.com', name: 'Log', role: 'agent', password } });
    assert.equal(created.status, 201);
    secrets.push(password);
    const login = await api(ts, '/api/v1/staff/login', { body: { email: 'log@example.com', password } });
    assert.equal(login.status, 200);
    secrets.push(login.body.token);
    assert.equal((await api(ts, '/api/v1/staff/login', { body: { email: 'log@example.com', password: 'wrong-password-xyz' } })).status, 401);
    secrets.push('wrong-password-xyz');

    const v = await newVisitor(ts, a.site);
    secrets.push(v.token);
    const vc = await visitorClient(ts, a.site, v.token);
    const sent = await vc.call('message.send', { clientId: 'l1', text: 'hello' });
    const form = new FormData();
    form.set('file', new Blob(['some text']), 'a.txt');
    const up = await api(ts, '/api/v1/attachments', { token: v.token, rawBody: form });
    const links = await api(ts, '/api/v1/attachments/links', { token: v.token, body: { ids: [up.body.id] } });
    assert.equal((await fetch(`${ts.server.url}${links.body.links[up.body.id].url}`)).status, 200);
    await api(ts, `/api/v1/conversations/${sent.conversationId}/messages`, { token: v.token });
    const staff = await staffClient(ts, login.body.token);
    await staff.close();
    await vc.close();

    // Failures log too: a tampered token at hello, a garbage bearer token.
    const tampered = v.token.slice(0, -4) + 'AAAA';
    secrets.push(tampered);
    const bad = await connect(ts, { site: a.site.key });
    await bad.request('hello', { v: PROTOCOL_VERSION, token: tampered });
    await bad.closed;
    await api(ts, '/api/v1/conversations', { token: tampered });
    await api(ts, '/api/v1/staff/logout', { method: 'POST', token: login.body.token });
  } finally {
    await ts.stop();
  }
  assert.ok(lines.length > 10, `expected a real log, got ${lines.length} lines`);
  const all = lines.join('\n');
  for (const s of secrets) assert.equal(all.includes(s), false, `a log line contains a secret: ${s.slice(0, 12)}…`);
  // JWT-looking strings would be a token even if not one we know.
  assert.doesNotMatch(all, /eyJ[\w-]{10,}\.[\w-]{10,}\./);
});

test('a failure off the request path (a bus listener that throws) is logged through the server\'s logger, and counted', async () => {
  const records: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'warn', sink: (line) => records.push(JSON.parse(line)) });
  const ts = await startTestServer({}, { log });
  try {
    await ts.server.bus.subscribe('test:throws', () => {
      throw new Error('listener bug');
    });
    await ts.server.bus.publish('test:throws', { kind: 'noop' });
    const record = records.find((r) => r.msg === 'bus failed');
    assert.ok(record, JSON.stringify(records));
    assert.equal(record.where, 'listener test:throws');
    assert.equal((record.err as { message: string }).message, 'listener bug');
  } finally {
    await ts.stop();
  }
});
