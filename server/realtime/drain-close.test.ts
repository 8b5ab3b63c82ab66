import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCodes, type ServerFrame } from '../../protocol/index.ts';
import { createParleyServer, type ParleyServer } from '../app.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';
import { connect, gatedStore, waitUntil, type TestClient } from './test-helpers.ts';

/** A server on a gated SQLite store, so commits stay in flight until the test opens the gate. */
async function gatedServer(overrides: ConfigOverrides = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-drain-'));
  const { limits, ...rest } = overrides;
  const config = loadConfig({ PARLEY_DATA_DIR: dir }, { port: 0, host: '127.0.0.1', logLevel: 'silent', secret: 'drain-secret-0123456789', demo: false, ...rest, limits });
  const real = createSqliteStore({ file: config.dbFile });
  await real.migrate();
  const gate = gatedStore(real);
  const server = await createParleyServer({ config, store: gate.store });
  const site = await real.createSite({ name: 'S', allowedOrigins: [], identitySecret: 'x'.repeat(32), settings: {} });
  const visitor = async () => {
    const session = await server.auth.openVisitorSession({ siteKey: site.key }, null);
    const ws = await connect({ server } as never, { site: site.key });
    await ws.hello(session.visitorToken);
    return ws;
  };
  const stop = async () => {
    await server.close();
    await real.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { server, real, gate, visitor, stop };
}

/** Frames that arrived before the socket closed, and the close code. */
async function framesUntilClose(ws: TestClient): Promise<{ code: number; answered: Set<string> }> {
  const { code } = await ws.closed;
  const answered = new Set(ws.frames.filter((f): f is Extract<ServerFrame, { type: 'ack' }> => f.type === 'ack').map((f) => f.id));
  return { code, answered };
}

describe('a socket closed by the server gets its commands answered first', () => {
  test('shutdown (SIGTERM): every command already received is answered, commit included, before close 1001', async () => {
    const g = await gatedServer({ limits: { rateBurst: 100, ratePerSec: 100 } });
    try {
      const ws = await g.visitor();
      const first = await ws.call('message.send', { clientId: 'first', text: 'first' });
      g.gate.close();
      const ids = Array.from({ length: 5 }, (_, i) => `in-flight-${i}`);
      for (const id of ids) ws.sendRaw({ type: 'message.send', id, conversationId: first.conversationId, clientId: id, text: id });
      await waitUntil(() => g.gate.waiting() >= 1, 30_000, 'a send to reach the store');
      const closing = g.server.close();
      g.gate.open();
      const { code, answered } = await framesUntilClose(ws);
      await closing;
      assert.equal(code, CloseCodes.goingAway);
      assert.deepEqual(ids.filter((id) => !answered.has(id)), [], 'every in-flight send acked before the close');
      const stored = await g.real.history(first.conversationId, { limit: 10, includeNotes: true });
      assert.deepEqual(stored.messages.map((m) => m.text), ['first', ...ids]);
    } finally {
      await g.stop();
    }
  });

  test('flood close (4008): the commands accepted before the flood are answered before the close', async () => {
    const g = await gatedServer({ limits: { rateBurst: 5, ratePerSec: 1 } });
    try {
      const ws = await g.visitor();
      const first = await ws.call('message.send', { clientId: 'first', text: 'first' });
      g.gate.close();
      const ids = ['accepted-1', 'accepted-2'];
      for (const id of ids) ws.sendRaw({ type: 'message.send', id, conversationId: first.conversationId, clientId: id, text: id });
      await waitUntil(() => g.gate.waiting() >= 1, 30_000, 'a send to reach the store');
      for (let i = 0; i < 30; i++) ws.sendRaw({ type: 'ping', id: `flood-${i}` });
      await ws.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
      g.gate.open();
      const { code, answered } = await framesUntilClose(ws);
      assert.equal(code, CloseCodes.rateLimited);
      assert.deepEqual(ids.filter((id) => !answered.has(id)), [], 'both accepted sends acked before the close');
    } finally {
      await g.stop();
    }
  });
});
