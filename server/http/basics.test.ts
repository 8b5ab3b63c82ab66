import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestSite, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

let ts: TestServer;
before(async () => {
  ts = await startTestServer({ limits: { maxBodyBytes: 2048 } });
});
after(() => ts.stop());

test('/healthz is always ok and /readyz pings the store', async () => {
  assert.deepEqual((await api(ts, '/healthz')).body, { ok: true });
  const ready = await api(ts, '/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.body, { ok: true, store: 'ok', bus: 'ok' });
});

test('unknown routes answer 404 JSON', async () => {
  const r = await api(ts, '/api/v1/nope');
  assert.equal(r.status, 404);
  assert.equal(r.body.code, 'not_found');
  assert.match(r.body.message, /GET \/api\/v1\/nope/);
});

test('malformed JSON is invalid_json, schema failures name the field, oversize bodies are refused', async () => {
  const { site } = await createTestSite(ts);
  const bad = await api(ts, '/api/v1/visitor/session', { rawBody: '{"siteKey":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'invalid_json');
  const missing = await api(ts, '/api/v1/visitor/session', { body: { context: {} } });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 'bad_request');
  assert.match(missing.body.message, /siteKey/);
  const wrongType = await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key, context: { attributes: { plan: { nested: 1 } } } } });
  assert.equal(wrongType.status, 400);
  assert.match(wrongType.body.message, /context\.attributes\.plan/);
  const big = await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key, context: { title: 'x'.repeat(3000) } } });
  assert.equal(big.status, 413);
  assert.equal(big.body.code, 'payload_too_large');
});

test('protected routes without a token are 401 JSON; a malformed Authorization header too', async () => {
  const none = await api(ts, '/api/v1/conversations');
  assert.equal(none.status, 401);
  assert.equal(none.body.code, 'unauthorized');
  const basic = await api(ts, '/api/v1/conversations', { headers: { authorization: 'Basic abc' } });
  assert.equal(basic.status, 401);
  const garbage = await api(ts, '/api/v1/conversations', { token: 'abc.def.ghi', origin: 'https://shop.example' });
  assert.equal(garbage.status, 401);
  // Errors stay readable by the widget's page, so it can tell an expired token from a network failure.
  assert.equal(garbage.headers.get('access-control-allow-origin'), 'https://shop.example');
});

test('CORS preflight answers the caller origin without credentials', async () => {
  const res = await fetch(ts.server.url + '/api/v1/visitor/session', {
    method: 'OPTIONS',
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
});

test('the UI routes answer 503 JSON when dist/ is missing, or the files when built', async () => {
  const r = await api(ts, '/widget.js');
  if (r.status === 503) assert.match(r.body.message, /npm run build/);
  else {
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /javascript/);
  }
});
