import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CloseCodes } from '../protocol/index.ts';
import { createParleyServer } from './app.ts';
import { loadConfig } from './config.ts';
import { connect, gatedStore, waitUntil } from './realtime/test-helpers.ts';
import { createSqliteStore } from './store/sqlite/index.ts';

test('shutdown: stop accepting, close sockets 1001, finish the in-flight REST commit, then resolve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-shutdown-'));
  const config = loadConfig({ PARLEY_DATA_DIR: dir }, { port: 0, host: '127.0.0.1', logLevel: 'silent', secret: 'shutdown-secret-0123456789', demo: false });
  const real = createSqliteStore({ file: config.dbFile });
  await real.migrate();
  const gate = gatedStore(real);
  const server = await createParleyServer({ config, store: gate.store });
  try {
    const site = await real.createSite({ name: 'S', allowedOrigins: [], identitySecret: 'x'.repeat(32), settings: {} });
    const session = await server.auth.openVisitorSession({ siteKey: site.key }, null);
    const ws = await connect({ server } as never, { site: site.key });
    await ws.hello(session.visitorToken);
    const first = await ws.call('message.send', { clientId: 'first', text: 'before' });

    gate.close();
    const inFlight = fetch(`${server.url}/api/v1/conversations/${first.conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.visitorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'in-flight', text: 'during shutdown' }),
    });
    await waitUntil(() => gate.waiting() === 1, 30_000, 'the REST send to reach the store');

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    assert.equal((await ws.closed).code, CloseCodes.goingAway);
    await assert.rejects(fetch(`${server.url}/healthz`), 'no new connections once shutdown began');
    assert.equal(closed, false, 'close waits for the in-flight commit');

    gate.open();
    const res = await inFlight;
    assert.equal(res.status, 200);
    const ack = await res.json();
    await closing;
    const stored = await real.history(first.conversationId, { limit: 10, includeNotes: true });
    assert.deepEqual(stored.messages.map((m) => m.text), ['before', 'during shutdown']);
    assert.equal(stored.messages[1].id, ack.messageId);
  } finally {
    await server.close();
    await real.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
