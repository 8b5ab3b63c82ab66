import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestSite, manualHeartbeat, staffClient, visitorClient, withTestServer } from '../realtime/test-helpers.ts';
import { api } from '../http/test-client.ts';

/** POST /api/v1/privacy/erase (issue 20) on the real server: files, sockets, tokens, dashboards, the database file. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);

test('an erased visitor leaves nothing: file unlinked, dashboards told, socket closed, token refused, no byte of text in the database file', async () => {
  const beat = manualHeartbeat();
  await withTestServer({}, { heartbeatTimer: beat.timer }, async (ts, t) => {
    const marker = `zq${Math.random().toString(36).slice(2, 10)}zq`;
    const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, context: { url: `https://shop.example/${marker}` } }, origin: 'https://shop.example' });
    const token = session.body.visitorToken as string;
    const visitorId = session.body.visitor.id as string;
    const form = new FormData();
    form.set('file', new Blob([PNG], { type: 'image/png' }), `${marker}.png`);
    const up = await (await fetch(`${ts.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json();
    const v = await visitorClient(ts, t.site, token);
    const sent = await v.call('message.send', { clientId: 'x1', text: `Please forget ${marker}`, attachmentIds: [up.id] });
    const staff = await staffClient(ts, t.staffToken);
    const file = join(ts.dir, (await ts.server.store.getAttachment(up.id))!.storagePath);
    assert.ok(existsSync(file));
    const onDisk = () => [ts.config.dbFile, `${ts.config.dbFile}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(marker));
    await api(ts, `/api/v1/search?q=${marker}`, { token: t.staffToken }); // the index has it
    assert.ok(onDisk());

    const r = await api(ts, '/api/v1/privacy/erase', { token: t.staffToken, body: { visitorId } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.erased, { visitors: 1, conversations: 1, files: 1, tombstone: false });
    assert.equal(existsSync(file), false, 'the file is unlinked');
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.erased' && e.conversationId === sent.conversationId && e.visitorId === visitorId));
    assert.equal(onDisk(), false, 'no byte of the text, the file name or the page in the database file or its WAL');
    const search = await api(ts, `/api/v1/search?q=${marker}`, { token: t.staffToken });
    assert.deepEqual(search.body.hits ?? search.body, []);

    // The token names nobody: REST refuses it, and the open socket closes at its next heartbeat.
    const rest = await api(ts, '/api/v1/conversations', { token, origin: 'https://shop.example' });
    assert.equal(rest.status, 401);
    assert.match(rest.body.message, /erased/);
    beat.tick();
    assert.ok([4001, 4011].includes((await v.closed).code));
    // A dashboard that reconnects from an older cursor replays the erasure too.
    const late = await staffClient(ts, t.staffToken, { cursor: 0 });
    await late.waitForEvents((es) => es.some((e) => e.kind === 'conversation.erased' && e.conversationId === sent.conversationId));
    await Promise.all([staff.close(), late.close()]);
  });
});

test('with the site setting erasureTombstone the conversation stays for reports, without anything of the person', async () => {
  await withTestServer({}, async (ts, t) => {
    await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { ...t.site.settings, erasureTombstone: true } } });
    const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key } });
    const v = await visitorClient(ts, t.site, session.body.visitorToken);
    const sent = await v.call('message.send', { clientId: 't1', text: 'Remember me not' });
    await v.close();
    const r = await api(ts, '/api/v1/privacy/erase', { token: t.staffToken, body: { visitorId: session.body.visitor.id } });
    assert.deepEqual(r.body.erased, { visitors: 1, conversations: 1, files: 0, tombstone: true });
    const conv = await api(ts, `/api/v1/conversations/${sent.conversationId}/messages`, { token: t.staffToken });
    assert.equal(conv.status, 200);
    assert.deepEqual(conv.body.messages.map((m: { text: string; deleted: boolean }) => [m.text, m.deleted]), [['', true]]);
    // Only admins (or privacy tokens), and the lookup must name someone.
    const agent = await createTestSite(ts, { role: 'agent' });
    assert.equal((await api(ts, '/api/v1/privacy/erase', { token: agent.staffToken, body: { visitorId: session.body.visitor.id } })).status, 403);
    assert.equal((await api(ts, '/api/v1/privacy/erase', { token: t.staffToken, body: { visitorId: session.body.visitor.id } })).status, 404, 'erased already');
  });
});
