import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCodes, PROTOCOL_VERSION } from '../../protocol/index.ts';
import { connect, createTestSite, newVisitor, staffClient, startTestServer, useTestServer, visitorClient } from './test-helpers.ts';

describe('hello', () => {
  const { ts, a } = useTestServer();

  test('visitor hello acks with role, site, visitor, limits and availability', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    const r = c.helloResult;
    assert.equal(r.v, PROTOCOL_VERSION);
    assert.equal(r.role, 'visitor');
    assert.equal(r.site.key, a.site.key);
    assert.equal(r.visitor?.id, v.visitorId);
    assert.equal(r.limits.maxFrameBytes, ts.config.limits.maxFrameBytes);
    assert.equal(r.availability, 'offline');
    assert.deepEqual(r.resume, { reload: [], replayed: 0 });
    assert.equal(typeof r.connectionId, 'string');
    await c.close();
  });

  test('staff hello acks with the staff member and the site cursor', async () => {
    const c = await staffClient(ts, a.staffToken);
    assert.equal(c.helloResult.role, 'staff');
    assert.equal(c.helloResult.staff?.id, a.staff.id);
    assert.equal(typeof c.helloResult.resume.cursor, 'number');
    await c.close();
  });

  test('wrong protocol version: protocol_version error and close 4005', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await connect(ts, { site: a.site.key });
    const f = await c.request('hello', { v: 99, token: v.token });
    assert.equal(f.type, 'error');
    assert.equal(f.type === 'error' && f.code, 'protocol_version');
    assert.equal((await c.closed).code, CloseCodes.protocolVersion);
  });

  test('a command before hello gets not_ready and the socket stays open', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await connect(ts, { site: a.site.key });
    const f = await c.request('ping');
    assert.equal(f.type === 'error' && f.code, 'not_ready');
    await c.hello(v.token);
    const pong = await c.call('ping');
    assert.equal(typeof pong.t, 'number');
    await c.close();
  });

  test('a second hello is refused', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    const f = await c.request('hello', { v: PROTOCOL_VERSION, token: v.token });
    assert.equal(f.type === 'error' && f.code, 'bad_request');
    await c.close();
  });

  test('visitor token on the staff socket and staff token on a visitor socket are forbidden', async () => {
    const v = await newVisitor(ts, a.site);
    const staffSocket = await connect(ts);
    const f1 = await staffSocket.request('hello', { v: PROTOCOL_VERSION, token: v.token });
    assert.equal(f1.type === 'error' && f1.code, 'forbidden');
    assert.equal((await staffSocket.closed).code, CloseCodes.forbidden);

    const visitorSocket = await connect(ts, { site: a.site.key });
    const f2 = await visitorSocket.request('hello', { v: PROTOCOL_VERSION, token: a.staffToken });
    assert.equal(f2.type === 'error' && f2.code, 'forbidden');
    assert.equal((await visitorSocket.closed).code, CloseCodes.forbidden);
  });

  test('a visitor token of site A on a socket of site B is forbidden', async () => {
    const b = await createTestSite(ts);
    const v = await newVisitor(ts, a.site);
    const c = await connect(ts, { site: b.site.key });
    const f = await c.request('hello', { v: PROTOCOL_VERSION, token: v.token });
    assert.equal(f.type === 'error' && f.code, 'forbidden');
    assert.equal((await c.closed).code, CloseCodes.forbidden);
  });

  test('no hello within helloTimeoutMs closes with 4006', async () => {
    const short = await startTestServer({ limits: { helloTimeoutMs: 100 } });
    try {
      const s = await createTestSite(short);
      const c = await connect(short, { site: s.site.key });
      assert.equal((await c.closed).code, CloseCodes.helloTimeout);
    } finally {
      await short.stop();
    }
  });
});
