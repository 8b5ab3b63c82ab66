import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { api } from '../../http/test-client.ts';
import { newVisitor, visitorClient, withTestServer } from '../../realtime/test-helpers.ts';

/** Another process (the CLI, a backup) holding the database's write lock, as a second connection does. */
function holdWriteLock(file: string): () => void {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('another process holding the SQLite write lock', () => {
  test('the server stays responsive while a send waits for the lock; the send commits once it is released', async () => {
    await withTestServer({ lockWaitMs: 60_000, limits: { rateBurst: 100, ratePerSec: 100 } }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const tab = await visitorClient(ts, a.site, v.token);
      const other = await visitorClient(ts, a.site, (await newVisitor(ts, a.site)).token);
      const release = holdWriteLock(ts.config.dbFile);
      try {
        let answered = false;
        const sending = tab.request('message.send', { clientId: 'while-locked', text: 'waits for the lock' }).finally(() => (answered = true));
        // While the send waits, HTTP requests and other sockets are served (the event loop is free).
        assert.equal((await api(ts, '/healthz')).status, 200);
        assert.equal(typeof (await other.call('ping')).t, 'number');
        assert.equal((await api(ts, `/api/v1/conversations`, { token: a.staffToken })).status, 200, 'reads are served');
        assert.equal(answered, false, 'the send is still waiting for the lock');
        release();
        const ack = await sending;
        assert.equal(ack.type, 'ack', JSON.stringify(ack));
        const stored = await ts.server.store.history((ack as { result: { conversationId: string } }).result.conversationId, { limit: 5, includeNotes: true });
        assert.deepEqual(stored.messages.map((m) => m.text), ['waits for the lock']);
      } finally {
        release();
      }
      await tab.close();
      await other.close();
    });
  });

  test('a write that cannot get the lock in time fails with the retryable code unavailable (ws and REST); it works once released', async () => {
    await withTestServer({ lockWaitMs: 200, limits: { rateBurst: 100, ratePerSec: 100 } }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const tab = await visitorClient(ts, a.site, v.token);
      const started = await tab.call('message.send', { clientId: 'before', text: 'before' });
      const release = holdWriteLock(ts.config.dbFile);
      try {
        const refused = await tab.request('message.send', { clientId: 'locked', text: 'locked out' });
        assert.equal(refused.type === 'error' && refused.code, 'unavailable', JSON.stringify(refused));
        const rest = await api(ts, `/api/v1/conversations/${started.conversationId}/messages`, { token: v.token, body: { clientId: 'rest-locked', text: 'via REST' } });
        assert.equal(rest.status, 503);
        assert.equal(rest.body.code, 'unavailable');
        assert.match(rest.body.message, /busy|lock/i);
        const read = await tab.request('read', { conversationId: started.conversationId, seq: started.seq });
        assert.equal(read.type === 'error' && read.code, 'unavailable', 'other writes too');
        const ready = await api(ts, '/readyz');
        assert.equal(ready.status, 503, 'a load balancer takes a server whose writes fail out of rotation');
        assert.equal(ready.body.code, 'unavailable');
        assert.equal(ready.body.store, 'down');
      } finally {
        release();
      }
      const retried = await tab.call('message.send', { clientId: 'locked', text: 'locked out' });
      assert.ok(retried.seq > started.seq);
      assert.equal((await api(ts, '/readyz')).status, 200, 'ready again once a write commits');
      await tab.close();
    });
  });
});
