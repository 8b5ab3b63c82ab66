import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newVisitor, staffClient, useTestServer, visitorClient, type TestClient } from './test-helpers.ts';

/** Nasty frames: each gets a clear error (or a standard close) and the server keeps serving. */
describe('hostile frames', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });

  const fresh = async () => visitorClient(ts, a.site, (await newVisitor(ts, a.site)).token);
  const errorFor = async (c: TestClient, raw: string) => {
    const before = c.frames.length;
    c.sendRaw(raw);
    const f = await c.waitFor((x) => x.type === 'error' && c.frames.indexOf(x) >= before);
    return f as Extract<typeof f, { type: 'error' }>;
  };
  const stillServes = async (c: TestClient) => assert.equal(typeof (await c.call('ping')).t, 'number');

  test('deep nesting: as JSON it is refused by shape, as broken JSON it is invalid_json', async () => {
    const c = await fresh();
    const depth = 10_000; // about 50 KB, under the frame limit
    const nested = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    assert.equal((await errorFor(c, `{"type":"ping","id":"d1","x":${nested}}`)).code, 'bad_request');
    // Inside a context the unknown key "a" is refused like any unknown field, and nothing is stored.
    const inContext = await errorFor(c, `{"type":"context.update","id":"d2","context":${nested}}`);
    assert.equal(inContext.message, 'Unexpected field "a" in context.');
    assert.deepEqual((await ts.server.store.getVisitor(c.helloResult.visitor!.id))?.context, {});
    assert.equal((await errorFor(c, '['.repeat(60_000))).code, 'invalid_json');
    await stillServes(c);
    await c.close();
  });

  test('numbers where strings belong, and non-object frames', async () => {
    const c = await fresh();
    for (const raw of [
      '{"type":"message.send","id":"n1","clientId":1,"text":"x"}',
      '{"type":"message.send","id":"n2","clientId":"a","text":{"toString":"x"}}',
      '{"type":"read","id":"n3","conversationId":"c","seq":"1"}',
      '{"type":7,"id":"n4"}',
      '5',
      'null',
      '"ping"',
      '[]',
    ]) {
      const f = await errorFor(c, raw);
      assert.equal(f.code, 'bad_request', raw);
      assert.equal(typeof f.message, 'string');
    }
    await stillServes(c);
    await c.close();
  });

  test('prototype keys: __proto__ and constructor as fields, types and attribute names', async () => {
    const c = await fresh();
    assert.match((await errorFor(c, '{"type":"ping","id":"p1","__proto__":{"isAdmin":true}}')).message, /Unexpected field "__proto__"/);
    assert.match((await errorFor(c, '{"type":"ping","id":"p2","constructor":1}')).message, /Unexpected field "constructor"/);
    assert.equal((await errorFor(c, '{"type":"__proto__","id":"p3"}')).code, 'unknown_type');
    assert.equal((await errorFor(c, '{"type":"constructor","id":"p4"}')).code, 'unknown_type');
    const attrs = await errorFor(c, '{"type":"context.update","id":"p5","context":{"attributes":{"__proto__":"x"}}}');
    assert.equal(attrs.code, 'bad_request');
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    assert.equal(({} as Record<string, unknown>).x, undefined);
    await stillServes(c);
    await c.close();
  });

  test('a hello with a non-string token, or a megabyte-ish token, is refused without a crash', async () => {
    const c = await (await import('./test-helpers.ts')).connect(ts, { site: a.site.key });
    assert.equal((await errorFor(c, '{"type":"hello","id":"h1","v":1,"token":{"alg":"none"}}')).code, 'bad_request');
    const f = await errorFor(c, JSON.stringify({ type: 'hello', id: 'h2', v: 1, token: 'x'.repeat(60_000) }));
    assert.equal(f.code, 'unauthorized');
    await c.closed;
  });

  test('binary frames are refused; invalid UTF-8 in a text frame closes 1007; the server stays up', async () => {
    const c = await fresh();
    c.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    const bin = await c.waitFor((f) => f.type === 'error' && f.code === 'bad_request');
    assert.ok(bin);
    await stillServes(c);
    c.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    assert.equal((await c.closed).code, 1007);
    const staff = await staffClient(ts, a.staffToken);
    await stillServes(staff);
    await staff.close();
  });
});
