import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../log.ts';
import { createTestSite, manualHeartbeat, visitorClient, withTestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** "Block this visitor / address" (issue 17): per site, at once for sends, at the next heartbeat for open sockets. */
test('staff block a visitor and their address: no send, no socket, no new session from there; per site; lifted again', async () => {
  const beat = manualHeartbeat();
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'warn', sink: (line) => lines.push(JSON.parse(line)) });
  await withTestServer({}, { heartbeatTimer: beat.timer, log }, async (ts, t) => {
    const open = (siteKey = t.site.key) => api(ts, '/api/v1/visitor/session', { body: { siteKey } });
    const session = await open();
    const v = await visitorClient(ts, t.site, session.body.visitorToken);
    const first = await v.call('message.send', { clientId: 'b1', text: 'spam spam spam' });

    const blocked = await api(ts, `/api/v1/visitors/${session.body.visitor.id}/block`, { token: t.staffToken, body: { ip: true } });
    assert.equal(blocked.status, 201);
    assert.deepEqual(blocked.body.blocks.map((b: { kind: string; value: string }) => [b.kind, b.value]), [['visitor', session.body.visitor.id], ['ip', '127.0.0.1']]);
    const line = lines.find((l) => l.msg === 'security: visitor blocked');
    assert.equal(line?.visitorId, session.body.visitor.id);

    const send = (await v.request('message.send', { conversationId: first.conversationId, clientId: 'b2', text: 'more' })) as { code: string; message: string };
    assert.equal(send.code, 'blocked');
    assert.equal(send.message, 'This chat is not available to you.');
    beat.tick();
    assert.equal((await v.closed).code, 4003);
    const rest = await api(ts, `/api/v1/conversations/${first.conversationId}/messages`, { token: session.body.visitorToken });
    assert.equal(rest.status, 403);
    assert.equal(rest.body.code, 'blocked');
    const again = await open();
    assert.equal(again.status, 403, 'a new session from the blocked address');
    assert.equal(again.body.code, 'blocked');

    // Another site on this server still serves that address.
    const other = await createTestSite(ts);
    assert.equal((await open(other.site.key)).status, 200);

    // The block list, and lifting it.
    const list = await api(ts, '/api/v1/blocks', { token: t.staffToken });
    assert.equal(list.body.blocks.length, 2);
    assert.equal((await api(ts, '/api/v1/blocks', { token: other.staffToken })).body.blocks.length, 0, 'blocks are per site');
    assert.equal((await api(ts, `/api/v1/blocks/${list.body.blocks[0].id}`, { method: 'DELETE', token: other.staffToken })).status, 404);
    for (const b of list.body.blocks) assert.equal((await api(ts, `/api/v1/blocks/${b.id}`, { method: 'DELETE', token: t.staffToken })).status, 200);
    assert.equal((await open()).status, 200);
    const back = await visitorClient(ts, t.site, session.body.visitorToken);
    assert.equal((await back.request('message.send', { conversationId: first.conversationId, clientId: 'b3', text: 'sorry' })).type, 'ack');
    await back.close();
  });
});

test('visitors cannot block, and staff cannot block another site\'s visitor', async () => {
  await withTestServer({}, async (ts, t) => {
    const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key } });
    const other = await createTestSite(ts);
    assert.equal((await api(ts, `/api/v1/visitors/${session.body.visitor.id}/block`, { token: session.body.visitorToken, body: {} })).status, 403);
    assert.equal((await api(ts, `/api/v1/visitors/${session.body.visitor.id}/block`, { token: other.staffToken, body: {} })).status, 404);
  });
});
