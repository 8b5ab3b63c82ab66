import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestSite, newVisitor, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** Nasty bodies, queries and headers: a clear 4xx `{ code, message }` each, and the server stays up. */
let ts: TestServer;
let a: TestSite;
let visitor: { token: string; visitorId: string };
let conversationId: string;
before(async () => {
  ts = await startTestServer();
  a = await createTestSite(ts);
  visitor = await newVisitor(ts, a.site);
  conversationId = (await ts.server.domain.sendMessage({ kind: 'visitor', siteId: a.site.id, visitorId: visitor.visitorId }, { clientId: 'h0', text: 'hi' })).conversationId;
});
after(() => ts.stop());

const json = { 'content-type': 'application/json' };
const isWireError = (body: unknown) =>
  typeof body === 'object' && body !== null && typeof (body as { code: unknown }).code === 'string' && typeof (body as { message: unknown }).message === 'string';

async function stillUp() {
  assert.equal((await api(ts, '/healthz')).status, 200);
}

test('deeply nested JSON bodies are refused as a 4xx, never a 500', async () => {
  const depth = 20_000;
  const deepObject = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const deepArray = '['.repeat(depth) + ']'.repeat(depth);
  for (const raw of [`{"siteKey":"x","context":${deepObject}}`, deepArray, '['.repeat(100_000)]) {
    const r = await api(ts, '/api/v1/visitor/session', { rawBody: raw, headers: json });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.ok(isWireError(r.body));
  }
  await stillUp();
});

test('wrong types are bad_request naming the field', async () => {
  const path = `/api/v1/conversations/${conversationId}/messages`;
  const cases: [unknown, RegExp][] = [
    [{ clientId: 5, text: 'x' }, /clientId/],
    [{ clientId: 'a', text: 5 }, /text/],
    [{ clientId: 'a', text: 'x', attachmentIds: 'att_1' }, /attachmentIds/],
    [{ clientId: 'a', text: 'x', note: 'yes' }, /note/],
    [[{ clientId: 'a', text: 'x' }], /body/],
    ['just a string', /body/],
    [null, /body/],
  ];
  for (const [body, field] of cases) {
    const r = await api(ts, path, { token: visitor.token, rawBody: JSON.stringify(body), headers: json });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.code, 'bad_request');
    assert.match(r.body.message, field);
  }
  const read = await api(ts, `/api/v1/conversations/${conversationId}/read`, { token: visitor.token, body: { seq: '1' } });
  assert.equal(read.status, 400);
  for (const q of ['limit=1e999', 'limit=-1', 'before=abc', 'after=99999999999999999999']) {
    const r = await api(ts, `/api/v1/conversations/${conversationId}/messages?${q}`, { token: visitor.token });
    assert.equal(r.status, 400, q);
  }
});

test('prototype keys neither pollute nor sneak in', async () => {
  // "__proto__" from JSON.parse is an own key; it must not turn a visitor's message into a note: it is
  // an unexpected field like any other, and nothing is sent.
  const sneaky = await api(ts, `/api/v1/conversations/${conversationId}/messages`, {
    token: visitor.token,
    rawBody: '{"clientId":"p1","text":"hello","__proto__":{"note":true}}',
    headers: json,
  });
  assert.equal(sneaky.status, 400);
  assert.equal(sneaky.body.message, 'Unexpected field "__proto__" in body.');
  const history = await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: visitor.token });
  assert.equal(history.body.messages.some((m: { clientId: string }) => m.clientId === 'p1'), false);
  const attrs = await api(ts, '/api/v1/visitor/session', {
    rawBody: `{"siteKey":"${a.site.key}","context":{"attributes":{"__proto__":"x"}}}`,
    headers: json,
  });
  assert.equal(attrs.status, 400);
  assert.match(attrs.body.message, /__proto__/);
  assert.equal(({} as Record<string, unknown>).note, undefined);
});

test('invalid UTF-8 and binary bodies are invalid_json', async () => {
  const r = await api(ts, '/api/v1/visitor/session', { rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), headers: json });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'invalid_json');
  const bin = await api(ts, '/api/v1/visitor/session', { rawBody: new Uint8Array([0, 1, 2, 3, 255]), headers: json });
  assert.equal(bin.body.code, 'invalid_json');
  await stillUp();
});

test('odd ids, huge headers and wrong methods answer JSON errors', async () => {
  const longId = 'c'.repeat(5000);
  const r1 = await api(ts, `/api/v1/conversations/${longId}`, { token: visitor.token });
  assert.ok(r1.status === 400 || r1.status === 404, `status ${r1.status}`);
  assert.ok(isWireError(r1.body));
  const r2 = await api(ts, '/api/v1/conversations/%E0%A4%A', { token: visitor.token });
  assert.ok(r2.status >= 400 && r2.status < 500 && isWireError(r2.body), `status ${r2.status}`);
  const r3 = await api(ts, '/api/v1/conversations', { token: 'x'.repeat(6000) });
  assert.equal(r3.status, 401);
  const r4 = await api(ts, `/api/v1/attachments/${'../'.repeat(5)}etc%2Fpasswd`, { token: visitor.token });
  assert.equal(r4.status, 404);
  const r5 = await api(ts, '/api/v1/conversations', { method: 'PUT', token: visitor.token });
  assert.equal(r5.status, 404);
  assert.ok(isWireError(r5.body));
  await stillUp();
});
