import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Compile } from 'typebox/compile';
import { ENDPOINTS, type Endpoint } from '../../../protocol/schema/endpoints.ts';
import { createHttpApp } from '../app.ts';
import { api } from '../test-client.ts';
import { createTestSite, newVisitor, startTestServer, TEST_PASSWORD, type TestServer, type TestSite } from '../../realtime/test-helpers.ts';
import { problemWith } from '../../validation/validator.ts';
import { openApiPath, type OpenApiDocument } from './document.ts';

let ts: TestServer;
let t: TestSite;
let doc: OpenApiDocument;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts);
  const r = await api(ts, '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  doc = r.body;
});
after(() => ts.stop());

test('the served document is valid OpenAPI 3.1 (checked by an independent validator), and the validator does catch a broken one', async () => {
  const result = await new Validator().validate(structuredClone(doc) as never);
  assert.equal(result.valid, true, JSON.stringify(result.errors)?.slice(0, 1000));
  assert.equal(doc.openapi, '3.1.0');
  const broken = structuredClone(doc) as Record<string, any>;
  broken.paths['/api/v1/conversations'].get.responses = 'none';
  assert.equal((await new Validator().validate(broken as never)).valid, false, 'a broken document is refused');
});

test('every route the server mounts is in the document, and every documented route is mounted', () => {
  const app = createHttpApp({ domain: ts.server.domain, auth: ts.server.auth, store: ts.server.store, config: ts.config });
  // Middleware (ALL) and the built UIs (files, not the API) are not API routes.
  const files = new Set(['/dashboard', '/dashboard/*', '/widget.js', '/widget/*']);
  const mounted = new Set(app.routes.filter((r) => r.method !== 'ALL' && !files.has(r.path)).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`));
  assert.ok(mounted.size >= 40, `the scan sees the routes (${mounted.size})`);
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
  assert.deepEqual([...mounted].filter((r) => !documented.has(r)), [], 'mounted but not documented');
  assert.deepEqual([...documented].filter((r) => !mounted.has(r)), [], 'documented but not mounted');
});

test('every route says who may call it, what it answers and how it fails; every body field has its limits', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as [string, any][]) {
      const where = `${method} ${path}`;
      assert.ok(op.summary && op.operationId && Array.isArray(op.security), where);
      assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')), `${where}: a success answer`);
      assert.ok(op.responses['400'], `${where}: the bad_request answer`);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) assert.ok(op.parameters?.some((p: any) => `{${p.name}}` === name && p.in === 'path'), `${where}: ${name}`);
    }
  }
  const send = doc.paths['/api/v1/conversations/{id}/messages'].post as any;
  assert.equal(send.requestBody.content['application/json'].schema.properties.clientId.maxLength, 128, 'the limits come with the schema');
  assert.equal(send.requestBody.content['application/json'].schema.additionalProperties, false);
});

/** Placeholders in the documented examples, filled in with this test's site. */
const fill = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null).replace(/\{(siteKey|staffEmail|staffPassword)\}/g, (_, k: string) => ({ siteKey: t.site.key, staffEmail: t.staff.email, staffPassword: TEST_PASSWORD })[k]!));

test('every documented example request fits its schema, the server takes it, and its answer fits the documented answer', async () => {
  const v = await newVisitor(ts, t.site);
  const sent = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: 'hello', text: 'Hello' });
  const ids: Record<string, string> = { conversations: sent.conversationId, visitors: v.visitorId, sites: t.site.id };
  const withExamples = ENDPOINTS.filter((e) => e.example);
  assert.ok(withExamples.length >= 10, 'examples are documented');
  const runnable = (e: Endpoint) => e.example || (e.method === 'get' && e.response.schema && /conversations|visitors|sites|staff|canned|presence/.test(e.path));
  let checked = 0;
  for (const e of ENDPOINTS.filter(runnable)) {
    const where = `${e.method} ${e.path}`;
    const body = e.example?.body === undefined ? undefined : fill(e.example.body);
    if (e.body && body !== undefined) assert.equal(problemWith(e.body, body, 'body'), null, `${where}: the example fits its schema`);
    if (e.query && e.example?.query) assert.equal(problemWith(e.query, coerce(e.query, e.example.query), 'query'), null, `${where}: the example query fits`);
    const path = e.path.replace(/\/(\w+)\/:id/, (_, kind: string) => `/${kind}/${ids[kind]}`);
    const query = e.example?.query ? `?${new URLSearchParams(e.example.query)}` : '';
    const token = e.auth === 'none' ? undefined : t.staffToken;
    const r = await api(ts, path + query, { method: e.method.toUpperCase(), token, body });
    assert.equal(r.status, e.response.status, `${where}: ${JSON.stringify(r.body).slice(0, 300)}`);
    if (e.response.schema) {
      const answer = Compile(e.response.schema);
      assert.ok(answer.Check(r.body), `${where}: the answer fits the documented schema: ${JSON.stringify(answer.Errors(r.body)[0])}`);
    }
    checked++;
  }
  assert.ok(checked >= 20, `checked ${checked} routes`);
});

test('the reference page is self-contained HTML listing every route with its fields', async () => {
  const r = await api(ts, '/api/v1/reference');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = r.body as string;
  for (const [path, ops] of Object.entries(doc.paths)) for (const op of Object.values(ops) as any[]) assert.ok(html.includes(`id="${op.operationId}"`), `${path} is on the page`);
  assert.ok(html.includes('<code>clientId</code>') && html.includes('1-128 chars'), 'fields with their limits');
  assert.doesNotMatch(html, /<script|https?:\/\/(?!shop\.example)[^"' ]*\.(js|css)/, 'no script, nothing loaded from elsewhere');
});

/** A query example as the server reads it (readQuery turns integer and boolean text into values). */
function coerce(schema: NonNullable<Endpoint['query']>, q: Record<string, string>): Record<string, unknown> {
  const props = schema.properties as Record<string, { type?: string }>;
  return Object.fromEntries(Object.entries(q).map(([k, s]) => [k, props[k]?.type === 'integer' ? Number(s) : props[k]?.type === 'boolean' ? s === 'true' : s]));
}
