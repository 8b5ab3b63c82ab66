import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FIELD_LIMITS } from '../../protocol/limits.ts';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, staffClient, startTestServer, visitorClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';

/**
 * One rule per field: the same over-limit or malformed input sent over REST and over the WebSocket
 * gets the same error, code and sentence, because both check it against the same schema.
 */
let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts);
});
after(() => ts.stop());

type Wire = { code: string; message: string };
const overWs = (f: { type: string } & Record<string, unknown>): Wire => {
  assert.equal(f.type, 'error', `the frame was accepted: ${JSON.stringify(f)}`);
  return { code: f.code as string, message: f.message as string };
};
const overRest = (r: { status: number; body: Wire }): Wire => {
  assert.ok(r.status >= 400, `the request was accepted: ${r.status}`);
  return { code: r.body.code, message: r.body.message };
};

test('a page context over its limits: the same error from the REST session and from context.update', async () => {
  const v = await newVisitor(ts, t.site);
  const ws = await visitorClient(ts, t.site, v.token);
  const contexts: [Record<string, unknown>, string][] = [
    [{ url: 'https://shop.example/' + 'a'.repeat(FIELD_LIMITS.contextPage) }, `context.url must have at most ${FIELD_LIMITS.contextPage} characters.`],
    [{ timezone: 'x'.repeat(FIELD_LIMITS.contextShort + 1) }, `context.timezone must have at most ${FIELD_LIMITS.contextShort} characters.`],
    [{ attributes: { plan: 'p'.repeat(FIELD_LIMITS.attributeValue + 1) } }, `context.attributes.plan must be a string of at most ${FIELD_LIMITS.attributeValue} characters, a number or a boolean.`],
    [{ attributes: Object.fromEntries(Array.from({ length: FIELD_LIMITS.attributes + 1 }, (_, i) => [`k${i}`, i])) }, `context.attributes must have at most ${FIELD_LIMITS.attributes} keys.`],
    [{ attributes: { ['k'.repeat(FIELD_LIMITS.attributeKey + 1)]: 1 } }, `context.attributes key "${'k'.repeat(64)}…" must have at most ${FIELD_LIMITS.attributeKey} characters.`],
    [{ attributes: { nested: { a: 1 } } }, `context.attributes.nested must be a string of at most ${FIELD_LIMITS.attributeValue} characters, a number or a boolean.`],
    [{ colour: 'blue' }, 'Unexpected field "colour" in context.'],
  ];
  for (const [context, message] of contexts) {
    const rest = overRest(await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, context } }));
    const frame = overWs(await ws.request('context.update', { context }));
    assert.deepEqual(rest, { code: 'bad_request', message }, `REST, ${JSON.stringify(context).slice(0, 80)}`);
    assert.deepEqual(frame, rest, 'the WebSocket answers as REST does');
  }
  // At the limits, both take it.
  const fits = { url: 'u'.repeat(FIELD_LIMITS.contextPage), attributes: { plan: 'p'.repeat(FIELD_LIMITS.attributeValue) } };
  assert.equal((await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, context: fits } })).status, 200);
  assert.equal((await ws.request('context.update', { context: fits })).type, 'ack');
  await ws.close();
});

test('a message over its limits, and a conversation update out of range: the same error both ways', async () => {
  const v = await newVisitor(ts, t.site);
  const ws = await visitorClient(ts, t.site, v.token);
  const first = await ws.call('message.send', { clientId: 'first', text: 'hello' });
  const path = `/api/v1/conversations/${first.conversationId}/messages`;
  const sends: [Record<string, unknown>, Wire][] = [
    [{ clientId: 'c'.repeat(FIELD_LIMITS.id + 1), text: 'hi' }, { code: 'bad_request', message: `clientId must have at most ${FIELD_LIMITS.id} characters.` }],
    [{ clientId: 'long', text: 'x'.repeat(ts.config.limits.maxTextLength + 1) }, { code: 'text_too_long', message: `Message text is limited to ${ts.config.limits.maxTextLength} characters.` }],
    [{ clientId: 'dup', text: 'hi', attachmentIds: ['att_a', 'att_a'] }, { code: 'bad_request', message: 'attachmentIds must not repeat items.' }],
    [{ clientId: 'typed', text: 42 }, { code: 'bad_request', message: 'text must be a string.' }],
    [{ text: 'hi' }, { code: 'bad_request', message: 'clientId is required.' }],
  ];
  for (const [fields, expected] of sends) {
    assert.deepEqual(overRest(await api(ts, path, { token: v.token, body: fields })), expected, `REST ${JSON.stringify(fields).slice(0, 60)}`);
    assert.deepEqual(overWs(await ws.request('message.send', { conversationId: first.conversationId, ...fields })), expected, 'ws');
  }

  const staff = await staffClient(ts, t.staffToken);
  const updates: [Record<string, unknown>, string][] = [
    [{ status: 'closed' }, 'status must be one of open, pending, resolved, snoozed.'],
    [{ assigneeId: 7 }, 'assigneeId must be an id or null.'],
  ];
  for (const [fields, message] of updates) {
    const rest = overRest(await api(ts, `/api/v1/conversations/${first.conversationId}`, { method: 'PATCH', token: t.staffToken, body: fields }));
    assert.deepEqual(rest, { code: 'bad_request', message });
    assert.deepEqual(overWs(await staff.request('conversation.update', { conversationId: first.conversationId, ...fields })), rest);
  }
  const readRest = overRest(await api(ts, `/api/v1/conversations/${first.conversationId}/read`, { token: v.token, body: { seq: -1 } }));
  assert.deepEqual(readRest, { code: 'bad_request', message: 'seq must be at least 0.' });
  assert.deepEqual(overWs(await ws.request('read', { conversationId: first.conversationId, seq: -1 })), readRest);
  await Promise.all([ws.close(), staff.close()]);
});
