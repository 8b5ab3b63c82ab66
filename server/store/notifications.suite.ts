import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { NewNotification } from './notification-records.ts';
import type { Store } from './store.ts';

/** The notification center part of the Store contract (notification-records.ts), run by storeSuite on every implementation. */
export function notificationStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
  const agent = (siteId: string) => getStore().createStaff({ siteId, email: `${uid()}@example.com`, name: 'Ada', role: 'agent', passwordHash: 'x' });
  const draft = (siteId: string, staffId: string, cursor: number, over: Partial<NewNotification> = {}): NewNotification => ({
    siteId, staffId, kind: 'mention', conversationId: 'cnv_a', cursor, actor: { kind: 'staff', id: 'stf_b' }, actorName: 'Bob', excerpt: 'look @Ada', at: 1_000 + cursor, ...over,
  });

  describe('notifications', () => {
    it('are stored once per agent, event cursor and kind, and listed newest first per agent, in pages', async () => {
      const store = getStore();
      const s = await site();
      const [ada, bob] = [await agent(s.id), await agent(s.id)];
      const made = await store.addNotifications([draft(s.id, ada.id, 1), draft(s.id, ada.id, 2, { kind: 'assigned', excerpt: undefined }), draft(s.id, bob.id, 2, { kind: 'reply' })]);
      assert.equal(made.length, 3);
      assert.deepEqual(made[0], { id: made[0].id, staffId: ada.id, kind: 'mention', conversationId: 'cnv_a', cursor: 1, actor: { kind: 'staff', id: 'stf_b' }, actorName: 'Bob', excerpt: 'look @Ada', createdAt: 1_001, readAt: null });
      const again = await store.addNotifications([draft(s.id, ada.id, 1), draft(s.id, ada.id, 2, { kind: 'assigned' }), draft(s.id, ada.id, 3)]);
      assert.deepEqual(again.map((n) => n.cursor), [3], 'an event handed over twice adds nothing');
      for (let c = 4; c <= 7; c++) await store.addNotifications([draft(s.id, ada.id, c, { at: 2_000 + c })]);
      const page1 = await store.listNotifications({ siteId: s.id, staffId: ada.id, limit: 4 });
      assert.deepEqual(page1.map((n) => n.cursor), [7, 6, 5, 4]);
      assert.equal('staffId' in page1[0], false, 'the wire record does not repeat whose it is');
      const page2 = await store.listNotifications({ siteId: s.id, staffId: ada.id, before: page1.at(-1)!.id, limit: 4 });
      assert.deepEqual(page2.map((n) => n.cursor), [3, 2, 1]);
      assert.deepEqual((await store.listNotifications({ siteId: s.id, staffId: bob.id, limit: 10 })).map((n) => n.kind), ['reply']);
      assert.deepEqual(await store.listNotifications({ siteId: (await site()).id, staffId: ada.id, limit: 10 }), [], 'scoped by site');
      assert.deepEqual(await store.notificationState(s.id, ada.id), { unread: 7, newestId: page1[0].id });
      assert.deepEqual(await store.notificationState(s.id, (await agent(s.id)).id), { unread: 0, newestId: null });
      // Old ones go (every site's: the store is shared with other tests, so only ours are counted).
      await store.pruneNotifications(2_004, 1_000_000);
      assert.deepEqual((await store.listNotifications({ siteId: s.id, staffId: ada.id, limit: 10 })).map((n) => n.cursor), [7, 6, 5, 4], 'made at 1_001-1_003: removed');
      assert.deepEqual((await store.listNotifications({ siteId: s.id, staffId: bob.id, limit: 10 })).map((n) => n.cursor), []);
    });

    it('are read one by one, by conversation, or all up to a point, for that agent only', async () => {
      const store = getStore();
      const s = await site();
      const [ada, bob] = [await agent(s.id), await agent(s.id)];
      const mine = await store.addNotifications([1, 2, 3, 4, 5].map((c) => draft(s.id, ada.id, c, { conversationId: c === 2 ? 'cnv_b' : 'cnv_a' })));
      await store.addNotifications([draft(s.id, bob.id, 1)]);
      const read = (target: Parameters<Store['markNotificationsRead']>[0]['target'], at: number, staffId = ada.id) => store.markNotificationsRead({ siteId: s.id, staffId, target, at });
      assert.equal(await read({ ids: [mine[0].id] }, 10, bob.id), 0, 'another agent cannot read them');
      assert.equal(await read({ ids: [mine[0].id] }, 10), 1);
      assert.equal(await read({ ids: [mine[0].id] }, 11), 0, 'read once: the first time stays');
      assert.equal(await read({ conversationId: 'cnv_b' }, 12), 1);
      assert.equal(await read({ upTo: mine[3].id }, 13), 2, 'all up to the 4th: the 3rd and 4th were still unread');
      const list = await store.listNotifications({ siteId: s.id, staffId: ada.id, limit: 10 });
      assert.deepEqual(list.map((n) => [n.cursor, n.readAt]), [[5, null], [4, 13], [3, 13], [2, 12], [1, 10]]);
      assert.deepEqual((await store.listNotifications({ siteId: s.id, staffId: ada.id, limit: 10, unread: true })).map((n) => n.cursor), [5]);
      assert.deepEqual(await store.notificationState(s.id, ada.id), { unread: 1, newestId: mine[4].id });
      assert.equal((await store.notificationState(s.id, bob.id)).unread, 1);
      assert.equal(await read({ ids: [] }, 14), 0);
      const ring = (id: string, staffId = ada.id) => store.claimNotificationRing({ siteId: s.id, staffId, id, at: 20 });
      assert.deepEqual([await ring(mine[4].id, bob.id), await ring(mine[4].id), await ring(mine[4].id), await ring('ntf_none')], [false, true, false, false], 'one claim rings: the first of the agent\'s');
      assert.equal(await read({ all: true }, 15), 1);
      assert.deepEqual(await store.notificationState(s.id, ada.id), { unread: 0, newestId: mine[4].id });
      assert.equal((await store.notificationState(s.id, bob.id)).unread, 1, 'all of mine, not all of the site');
    });

    it('waiting: one conversation.waiting per unanswered run, whoever sweeps; a staff reply ends the run, notes do not', async () => {
      const store = getStore();
      const s = await site();
      const ada = await agent(s.id);
      const v = await store.createVisitor({ siteId: s.id, label: 'Blue Otter', context: {}, at: 1_000 });
      const send = (over: Record<string, unknown>) =>
        store.appendMessage({ siteId: s.id, visitorId: v.id, clientId: uid(), author: { kind: 'visitor', id: v.id }, text: 'hello', attachmentIds: [], note: false, at: 10_000, ...over } as Parameters<Store['appendMessage']>[0]);
      const { conversation } = await send({ at: 10_000 });
      await send({ conversationId: conversation.id, at: 20_000 });
      const sweep = (before: number, now = before + 1) => store.markWaiting({ siteId: s.id, before, activeSince: 0, minutes: 5, now, scanLimit: 100 });
      assert.deepEqual(await sweep(9_999), [], 'not waiting that long yet');
      // Two processes at once: one event.
      const [a, b] = await Promise.all([sweep(10_000), sweep(10_000)]);
      const made = [...a, ...b];
      assert.equal(made.length, 1);
      const e = made[0].event;
      assert.ok(e.kind === 'conversation.waiting');
      assert.deepEqual([e.conversationId, e.since, e.minutes, e.prevVisibleSeq, made[0].visitorId], [conversation.id, 10_000, 5, undefined, v.id]);
      assert.deepEqual(await sweep(50_000), [], 'the run alerted once, however long it lasts');
      const staff = { kind: 'staff', id: ada.id } as const;
      await send({ conversationId: conversation.id, author: staff, note: true, at: 30_000 });
      assert.deepEqual(await sweep(50_000), [], 'a note is no answer');
      await send({ conversationId: conversation.id, author: staff, at: 31_000 });
      assert.deepEqual(await sweep(50_000), [], 'answered');
      await send({ conversationId: conversation.id, at: 40_000 });
      assert.deepEqual(await sweep(39_999), []);
      const again = await sweep(40_000);
      assert.deepEqual(again.map((w) => w.event.kind === 'conversation.waiting' && w.event.since), [40_000], 'a new run alerts again');
      assert.deepEqual((await store.eventsAfterSeq(conversation.id, 0, 50, true)).filter((x) => x.kind === 'conversation.waiting'), [], 'the visitor never sees it');
    });

    it('preferences are kept per agent and listed per site', async () => {
      const store = getStore();
      const s = await site();
      const [ada, bob] = [await agent(s.id), await agent(s.id)];
      assert.equal(await store.getNotificationPreferences(s.id, ada.id), null);
      await store.setNotificationPreferences({ siteId: s.id, staffId: ada.id, preferences: { kinds: ['mention'], sound: false, desktop: true }, at: 1 });
      await store.setNotificationPreferences({ siteId: s.id, staffId: ada.id, preferences: { kinds: ['mention', 'assigned'], sound: false, desktop: false }, at: 2 });
      assert.deepEqual(await store.getNotificationPreferences(s.id, ada.id), { kinds: ['mention', 'assigned'], sound: false, desktop: false });
      assert.equal(await store.getNotificationPreferences((await site()).id, ada.id), null, 'scoped by site');
      const all = await store.siteNotificationPreferences(s.id);
      assert.deepEqual([...all.keys()], [ada.id]);
      assert.equal(all.has(bob.id), false);
    });

  });
}
