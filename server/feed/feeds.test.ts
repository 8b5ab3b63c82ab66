import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent } from '../../protocol/index.ts';
import { createLocalBus } from '../bus/local.ts';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/index.ts';
import type { NewMessage, RoutedEvent } from '../store/store.ts';
import { createFeeds, type Feeds } from './feeds.ts';

describe('site feeds over a real store', () => {
  let dir: string;
  let store: SqliteStore;
  let feeds: Feeds;
  const bus = createLocalBus();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-feeds-'));
    store = createSqliteStore({ file: join(dir, 'parley.db') });
    await store.migrate();
    // No timer: the test runs the periodic check itself.
    feeds = createFeeds({ store, bus, forVisitor: (e) => ({ ...e, shaped: true }) as unknown as DurableEvent, gapWaitMs: 60_000, checkMs: 0, onError: (err) => assert.fail(String(err)) });
  });
  after(async () => {
    await feeds.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function world() {
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const staff = await store.createStaff({ siteId: site.id, email: `${site.id}@x.io`, name: 'A', role: 'agent', passwordHash: 'x' });
    const visitor = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const other = await store.createVisitor({ siteId: site.id, label: 'M', context: {}, at: 1 });
    const msg = (over: Partial<NewMessage> = {}): NewMessage => ({
      siteId: site.id, visitorId: visitor.id, clientId: Math.random().toString(36), author: { kind: 'visitor', id: visitor.id }, text: 't', attachmentIds: [], note: false, at: 2, ...over,
    });
    const routed = (events: DurableEvent[]): RoutedEvent[] => events.map((event) => ({ event, visitorId: visitor.id, visible: event.prevVisibleSeq !== undefined }));
    return { site, staff, visitor, other, msg, routed };
  }

  test("staff get every event in cursor order, a visitor only their visible ones, shaped; another visitor nothing", async () => {
    const { site, staff, visitor, other, msg, routed } = await world();
    const got = { staff: [] as DurableEvent[], visitor: [] as DurableEvent[], other: [] as DurableEvent[] };
    const listening = await Promise.all([
      feeds.listen(site.id, { kind: 'staff' }, (e) => got.staff.push(e)),
      feeds.listen(site.id, { kind: 'visitor', visitorId: visitor.id }, (e) => got.visitor.push(e)),
      feeds.listen(site.id, { kind: 'visitor', visitorId: other.id }, (e) => got.other.push(e)),
    ]);
    assert.equal(listening[0].cursor, 0);
    const first = await store.appendMessage(msg());
    const note = await store.appendMessage(msg({ conversationId: first.conversation.id, author: { kind: 'staff', id: staff.id }, note: true }));
    const reply = await store.appendMessage(msg({ conversationId: first.conversation.id, author: { kind: 'staff', id: staff.id } }));
    // Published in the wrong order, as racing callers (or processes) may.
    feeds.committed(site.id, routed(reply.events));
    feeds.committed(site.id, routed(note.events));
    feeds.committed(site.id, routed(first.events));
    assert.deepEqual(got.staff.map((e) => e.cursor), [1, 2, 3, 4]);
    assert.deepEqual(got.visitor.map((e) => [e.cursor, (e as { shaped?: boolean }).shaped]), [[1, true], [2, true], [4, true]]);
    assert.deepEqual(got.other, []);
    assert.equal(feeds.cursor(site.id), 4);
    for (const l of listening) l.off();
    assert.equal(feeds.cursor(site.id), undefined, 'not followed once the last listener left');
  });

  test('a commit nobody published (its process died right after) is delivered by the next check', async () => {
    const { site, msg, routed } = await world();
    const got: number[] = [];
    const l = await feeds.listen(site.id, { kind: 'staff' }, (e) => got.push(e.cursor));
    const lost = await store.appendMessage(msg());
    await feeds.check(); // the first look only notes where the store is...
    const later = await store.appendMessage(msg({ conversationId: lost.conversation.id }));
    feeds.committed(site.id, routed(later.events));
    assert.deepEqual(got, [], 'behind a hole: waits');
    await feeds.check(); // ...and fills what was already there then
    for (let i = 0; i < 100 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(got, [1, 2, 3]);
    l.off();
  });

  test('a hint (a resend found a commit that may never have been published) reads at once', async () => {
    const { site, msg } = await world();
    const got: number[] = [];
    const l = await feeds.listen(site.id, { kind: 'staff' }, (e) => got.push(e.cursor));
    await store.appendMessage(msg());
    feeds.hint(site.id);
    for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(got, [1, 2]);
    l.off();
  });
});
