import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Actor, DurableEvent, Visitor } from '../../protocol/index.ts';
import type { InboxQuery, NewMessage, Store } from './store.ts';
import { priorityRank } from './triage-rules.ts';

/**
 * The conversation-lifecycle part of the Store contract (several conversations per visitor, resolve
 * times, timeline entries, identify), run by storeSuite on every implementation. The store is shared
 * with the other tests, so each test makes its own site.
 */
export function lifecycleStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  let clock = 1_750_000_000_000;
  const tick = () => (clock += 1000);

  async function world() {
    const store = getStore();
    const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
    const agent = await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Alice', role: 'agent', passwordHash: 'x' });
    const v = await store.createVisitor({ siteId: s.id, label: 'Blue Otter', context: {}, at: tick() });
    return { store, s, agent, v, by: { kind: 'staff', id: agent.id } as Actor };
  }
  const msg = (v: Visitor, over: Partial<NewMessage> = {}): NewMessage => ({
    siteId: v.siteId,
    visitorId: v.id,
    clientId: uid(),
    author: { kind: 'visitor', id: v.id },
    authorName: v.label,
    text: `hello ${uid()}`,
    attachmentIds: [],
    note: false,
    at: tick(),
    ...over,
  });

  describe('conversation lifecycle', () => {
    it('newConversation starts a second conversation beside an open one; both are listed newest first', async () => {
      const { store, v } = await world();
      const first = await store.appendMessage(msg(v));
      const second = await store.appendMessage(msg(v, { newConversation: true }));
      assert.notEqual(second.conversation.id, first.conversation.id);
      assert.deepEqual(second.events.map((e) => [e.kind, e.seq]), [['conversation.created', 1], ['message.created', 2]]);
      // A send that names no conversation goes to the most recently active open one.
      const next = await store.appendMessage(msg(v));
      assert.equal(next.conversation.id, second.conversation.id);
      assert.deepEqual((await store.listVisitorConversations(v.id)).map((c) => c.id), [second.conversation.id, first.conversation.id]);
      // A repeat of the clientId answers the first message, and makes no third conversation.
      const again = await store.appendMessage({ ...msg(v, { newConversation: true }), clientId: second.message.clientId });
      assert.equal(again.duplicate, true);
      assert.equal(again.message.id, second.message.id);
      assert.equal((await store.listVisitorConversations(v.id)).length, 2);
      // The open-conversation limit is checked in the transaction, after the duplicate check.
      await assert.rejects(store.appendMessage(msg(v, { newConversation: true, maxOpenConversations: 2 })), { code: 'rate_limited' });
      const dup = await store.appendMessage({ ...msg(v, { newConversation: true, maxOpenConversations: 2 }), clientId: second.message.clientId });
      assert.equal(dup.message.id, second.message.id);
      const third = await store.appendMessage(msg(v, { newConversation: true, maxOpenConversations: 3 }));
      assert.equal((await store.listVisitorConversations(v.id))[0].id, third.conversation.id);
    });

    it('resolving stores when, reopening clears it, and the update event carries the names', async () => {
      const { store, v, by } = await world();
      const { conversation } = await store.appendMessage(msg(v));
      const at = tick();
      const e = await store.updateConversation({ conversationId: conversation.id, changes: { status: 'resolved' }, by, at, names: { by: 'Alice' } });
      assert.ok(e && e.kind === 'conversation.updated');
      assert.equal(e.byName, 'Alice');
      assert.equal(e.assigneeName, undefined);
      assert.equal(e.conversation.resolvedAt, at);
      assert.equal((await store.getConversation(conversation.id))?.resolvedAt, at);
      assert.equal((await store.listVisitorConversations(v.id))[0].resolvedAt, at);
      // A staff message keeps it resolved (and resolvedAt with it).
      const reply = await store.appendMessage(msg(v, { conversationId: conversation.id, author: by, authorName: 'Alice' }));
      assert.equal(reply.conversation.resolvedAt, at);
      const back = await store.appendMessage(msg(v, { conversationId: conversation.id, reopen: true }));
      const reopened = back.events.find((x) => x.kind === 'conversation.updated');
      assert.ok(reopened && reopened.kind === 'conversation.updated');
      assert.equal(reopened.byName, 'Blue Otter');
      assert.equal(reopened.conversation.resolvedAt, undefined);
      assert.equal((await store.getConversation(conversation.id))?.resolvedAt, undefined);
    });

    it('assignment events name the assignee; timeline lists status and assignment entries by seq range, with visibility', async () => {
      const { store, s, v, by, agent } = await world();
      const bob = await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Bob', role: 'agent', passwordHash: 'x' });
      const { conversation } = await store.appendMessage(msg(v)); // seq 1 created, 2 message
      const assigned = await store.updateConversation({ conversationId: conversation.id, changes: { assigneeId: bob.id }, by, at: tick(), names: { by: 'Alice', assignee: 'Bob' } });
      assert.ok(assigned && assigned.kind === 'conversation.updated');
      assert.deepEqual([assigned.byName, assigned.assigneeName, assigned.seq], ['Alice', 'Bob', 3]);
      await store.appendMessage(msg(v, { conversationId: conversation.id, author: by, note: true, text: 'staff only' })); // 4
      await store.moveReadCursor({ conversationId: conversation.id, reader: { kind: 'staff', id: agent.id }, upTo: 4, at: tick() }); // 5, not a timeline entry
      await store.updateConversation({ conversationId: conversation.id, changes: { status: 'resolved' }, by, at: tick(), names: { by: 'Alice' } }); // 6
      const all = await store.timeline(conversation.id, { afterSeq: 0, beforeSeq: Number.MAX_SAFE_INTEGER }, 100, false);
      assert.deepEqual(all.map((e) => [e.kind, e.seq]), [['conversation.updated', 3], ['conversation.updated', 6]]);
      assert.ok(all.every((e) => e.cursor > 0), 'entries carry their cursor');
      assert.deepEqual((await store.timeline(conversation.id, { afterSeq: 3, beforeSeq: 6 }, 100, true)).length, 0, 'bounds are exclusive');
      assert.deepEqual((await store.timeline(conversation.id, { afterSeq: 0, beforeSeq: 100 }, 1, true)).map((e) => e.seq), [3], 'limit');
    });

    it('identify: merging an anonymous visitor commits one staff-only visitor.identified per conversation, replayed by seq and cursor', async () => {
      const { store, s, v } = await world();
      const a = await store.appendMessage(msg(v));
      const b = await store.appendMessage(msg(v, { newConversation: true }));
      const known = await store.createVisitor({ siteId: s.id, externalId: `u-${uid()}`, name: 'Ann', label: 'Red Fox', context: {}, at: tick() });
      const events = await store.mergeVisitor(v.id, known.id, tick());
      assert.deepEqual(events.map((e) => [e.kind, e.conversationId, e.seq]), [
        ['visitor.identified', a.conversation.id, 3],
        ['visitor.identified', b.conversation.id, 3],
      ]);
      const [first] = events;
      assert.ok(first.kind === 'visitor.identified');
      assert.deepEqual([first.visitorId, first.fromLabel, first.name, first.prevVisibleSeq], [known.id, 'Blue Otter', 'Ann', undefined]);
      assert.equal(events[1].cursor, first.cursor + 1);
      const replayed = await store.eventsAfterCursor(s.id, first.cursor - 1, 10);
      assert.deepEqual(replayed.map((e: DurableEvent) => e.kind), ['visitor.identified', 'visitor.identified']);
      assert.deepEqual(replayed[0], first);
      assert.deepEqual((await store.eventsAfterSeq(a.conversation.id, 2, 10, false)).map((e) => e.kind), ['visitor.identified']);
      assert.deepEqual(await store.eventsAfterSeq(a.conversation.id, 2, 10, true), [], 'a visitor does not get it');
      assert.deepEqual((await store.timeline(a.conversation.id, { afterSeq: 0, beforeSeq: 10 }, 10, false)).map((e) => e.kind), ['visitor.identified']);
      assert.deepEqual(await store.timeline(a.conversation.id, { afterSeq: 0, beforeSeq: 10 }, 10, true), []);
      // The next visible event's prevVisibleSeq skips the staff-only one.
      const next = await store.appendMessage(msg(known, { conversationId: a.conversation.id }));
      assert.equal(next.events[0].prevVisibleSeq, 2);
      assert.deepEqual(await store.mergeVisitor(known.id, known.id, tick()), []);
    });

    it('snooze: wakeSnoozed opens what is due once, skips what was woken or snoozed later, names who snoozed', async () => {
      const { store, v, by, agent } = await world();
      const a = (await store.appendMessage(msg(v))).conversation;
      const b = (await store.appendMessage(msg(v, { newConversation: true }))).conversation;
      const c = (await store.appendMessage(msg(v, { newConversation: true }))).conversation;
      const now = tick();
      const snoozed = await store.updateConversation({ conversationId: a.id, changes: { status: 'snoozed', snoozedUntil: now + 60_000 }, by, at: now });
      assert.ok(snoozed?.kind === 'conversation.updated');
      assert.deepEqual(snoozed.changes, { status: 'snoozed', snoozedUntil: now + 60_000 });
      await store.updateConversation({ conversationId: b.id, changes: { status: 'snoozed', snoozedUntil: now + 60_000 }, by, at: now });
      await store.updateConversation({ conversationId: c.id, changes: { status: 'snoozed', snoozedUntil: now + 120_000 }, by, at: now });
      // The store is shared: other tests' sites may have snoozes due too (the waker is for every site).
      const wake = async (at: number) => (await store.wakeSnoozed(at, 1000)).filter((w) => w.siteId === v.siteId);
      // b is woken by the visitor before its time.
      await store.appendMessage(msg(v, { conversationId: b.id, reopen: true }));
      assert.deepEqual(await wake(now + 59_999), [], 'nothing is due yet');
      const woken = await wake(now + 60_000);
      assert.deepEqual(woken.map((w) => [w.event.conversationId, w.visitorId, w.siteId]), [[a.id, v.id, v.siteId]]);
      const e = woken[0].event;
      assert.ok(e.kind === 'conversation.updated');
      assert.deepEqual([e.changes, e.woke, e.by, e.conversation.status, e.conversation.snoozedUntil], [{ status: 'open' }, true, { kind: 'staff', id: agent.id }, 'open', null]);
      assert.equal(typeof e.prevVisibleSeq, 'number', 'the visitor sees it');
      assert.deepEqual(await wake(now + 60_000), [], 'woken once');
      assert.deepEqual((await store.eventsAfterSeq(a.id, e.seq - 1, 10, false)).map((x) => x.kind), ['conversation.updated']);
      assert.equal((await store.getConversation(a.id))?.status, 'open');
      // Snoozed again to a later time: the earlier time no longer wakes it.
      await store.updateConversation({ conversationId: c.id, changes: { snoozedUntil: now + 600_000 }, by, at: now });
      assert.deepEqual(await wake(now + 120_000), []);
      assert.equal((await wake(now + 600_000)).length, 1);
    });

    it('rating: only when resolved, changeable for a while, the same again is no event; carried by reads and snapshots', async () => {
      const { store, v, by } = await world();
      const { conversation } = await store.appendMessage(msg(v));
      const rate = (score: number, comment: string | null, at = tick(), changeableMs = 3_600_000) =>
        store.rateConversation({ conversationId: conversation.id, score, comment, by: { kind: 'visitor', id: v.id }, byName: 'Blue Otter', at, changeableMs });
      await assert.rejects(rate(5, null), { code: 'conflict' });
      await store.updateConversation({ conversationId: conversation.id, changes: { status: 'resolved' }, by, at: tick() });
      const first = await rate(4, 'quick answer');
      assert.ok(first?.kind === 'conversation.rated');
      assert.deepEqual([first.rating.score, first.rating.comment, first.byName, first.conversation.rating?.score], [4, 'quick answer', 'Blue Otter', 4]);
      assert.equal(typeof first.prevVisibleSeq, 'number');
      assert.equal(await rate(4, 'quick answer'), null, 'the same rating again');
      const changed = await rate(5, null);
      assert.ok(changed?.kind === 'conversation.rated');
      assert.deepEqual(changed.rating, { score: 5, ratedAt: changed.rating.ratedAt });
      assert.equal((await store.getConversation(conversation.id))?.rating?.score, 5);
      assert.equal((await store.listVisitorConversations(v.id, { forVisitor: true }))[0].rating?.score, 5);
      await assert.rejects(rate(1, null, clock + 3_600_001 + 10_000), { code: 'conflict' }, 'too late to change');
      // The rating stays through a reopen, in the reopen's snapshot too.
      const back = await store.appendMessage(msg(v, { conversationId: conversation.id, reopen: true }));
      const reopened = back.events.find((x) => x.kind === 'conversation.updated');
      assert.ok(reopened?.kind === 'conversation.updated');
      assert.equal(reopened.conversation.rating?.score, 5);
      assert.deepEqual((await store.timeline(conversation.id, { afterSeq: 0, beforeSeq: 100 }, 100, true)).map((x) => x.kind), [
        'conversation.updated',
        'conversation.rated',
        'conversation.rated',
        'conversation.updated',
      ]);
    });

    it('triage: priority and labels are staff-only, filter and sort the inbox, page by priority', async () => {
      const { store, s, v, by, agent } = await world();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await store.appendMessage(msg(v, { newConversation: true }))).conversation.id);
      const triage = (conversationId: string, over: { priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent'; labels?: string[] }) =>
        store.setTriage({ conversationId, ...over, by: { kind: 'staff', id: agent.id }, byName: 'Alice', at: tick() });
      const e = await triage(ids[0], { priority: 'urgent', labels: ['billing', 'vip', 'billing'] });
      assert.ok(e?.kind === 'conversation.triaged');
      assert.deepEqual([e.priority, e.labels, e.changes, e.byName, e.prevVisibleSeq], ['urgent', ['billing', 'vip'], { priority: 'urgent', added: ['billing', 'vip'] }, 'Alice', undefined]);
      assert.equal(await triage(ids[0], { labels: ['vip', 'billing'] }), null, 'the same set again');
      const less = await triage(ids[0], { labels: ['billing'] });
      assert.ok(less?.kind === 'conversation.triaged');
      assert.deepEqual(less.changes, { removed: ['vip'] });
      await triage(ids[1], { priority: 'high', labels: ['billing'] });
      await triage(ids[2], { priority: 'high' });
      void by;
      const staffView = await store.getConversation(ids[0]);
      assert.deepEqual([staffView?.priority, staffView?.labels], ['urgent', ['billing']]);
      const visitorView = await store.getConversation(ids[0], { forVisitor: true });
      assert.deepEqual([visitorView?.priority, visitorView?.labels], [undefined, undefined], 'never for the visitor');
      assert.deepEqual(await store.eventsAfterSeq(ids[0], 2, 10, true), [], 'nor its events');
      const inbox = async (q: Record<string, unknown>) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { conversation: { id: string } }[]; nextCursor: string | null } = await store.listInbox({ siteId: s.id, staffId: agent.id, limit: 1, cursor, ...q });
          out.push(...page.items.map((r) => r.conversation.id));
          cursor = page.nextCursor;
        } while (cursor);
        return out;
      };
      assert.deepEqual(await inbox({ label: 'billing' }), [ids[1], ids[0]]);
      assert.deepEqual(await inbox({ priority: 'high' }), [ids[2], ids[1]]);
      assert.deepEqual(await inbox({ sort: 'priority' }), [ids[0], ids[2], ids[1], ids[3]], 'urgent, then high by activity, then none');
      assert.deepEqual(await inbox({ sort: 'priority', label: 'billing' }), [ids[0], ids[1]]);
      const rows = (await store.listInbox({ siteId: s.id, staffId: agent.id, limit: 10 })).items;
      assert.deepEqual(rows.find((r) => r.conversation.id === ids[1])?.conversation.labels, ['billing']);
      await assert.rejects(store.listInbox({ siteId: s.id, staffId: agent.id, limit: 1, sort: 'priority', cursor: (await store.listInbox({ siteId: s.id, staffId: agent.id, limit: 1 })).nextCursor }), { code: 'bad_request' });
    });

    it('inbox: every filter and sort pages through unresolved and resolved conversations alike, newest activity first', async () => {
      const { store, s, v, by, agent } = await world();
      const other = await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Bo', role: 'agent', passwordHash: 'x' });
      const statuses = ['open', 'resolved', 'pending', 'resolved', 'snoozed', 'resolved'] as const;
      const assignees = [agent.id, other.id, null];
      const priorities = ['urgent', 'none', 'high', 'none', 'high'] as const;
      const ids: string[] = [];
      for (let i = 0; i < 15; i++) {
        const id = (await store.appendMessage(msg(v, { newConversation: true }))).conversation.id;
        ids.push(id);
        if (assignees[i % 3]) await store.updateConversation({ conversationId: id, changes: { assigneeId: assignees[i % 3] }, by, at: tick() });
        await store.setTriage({ conversationId: id, priority: priorities[i % 5], by: { kind: 'staff', id: agent.id }, at: tick() });
        const status = statuses[i % 6];
        if (status !== 'open') await store.updateConversation({ conversationId: id, changes: { status, ...(status === 'snoozed' ? { snoozedUntil: clock + 1e9 } : {}) }, by, at: tick() });
      }
      // Later activity in some of them, resolved ones too (a staff reply does not reopen): the order moves.
      for (const i of [1, 6, 3, 9, 0, 7]) await store.appendMessage(msg(v, { conversationId: ids[i], author: by, text: 'later' }));
      const rows = await Promise.all(ids.map(async (id) => (await store.getConversation(id))!));
      const views: Partial<InboxQuery>[] = [
        {},
        { status: 'open' },
        { status: 'resolved' },
        { status: 'pending' },
        { status: 'snoozed' },
        { assignee: 'me' },
        { assignee: 'unassigned' },
        { assignee: other.id },
        { status: 'open', assignee: 'me' },
        { status: 'resolved', assignee: 'me' },
        { priority: 'high' },
        { status: 'resolved', priority: 'none' },
        { sort: 'priority' },
        { sort: 'priority', assignee: 'me' },
        { sort: 'priority', status: 'resolved' },
        { sort: 'priority', status: 'open' },
      ];
      for (const view of views) {
        const expected = rows
          .filter((c) => (!view.status || c.status === view.status) && (!view.priority || (c.priority ?? 'none') === view.priority))
          .filter((c) => (view.assignee === 'me' ? c.assigneeId === agent.id : view.assignee === 'unassigned' ? c.assigneeId === null : !view.assignee || c.assigneeId === view.assignee))
          .sort((a, b) => (view.sort === 'priority' ? priorityRank(b.priority ?? 'none') - priorityRank(a.priority ?? 'none') : 0) || b.lastActivityAt - a.lastActivityAt || (b.id < a.id ? -1 : 1))
          .map((c) => c.id);
        for (const limit of [1, 2, 50]) {
          const got: string[] = [];
          let cursor: string | null = null;
          do {
            const page: { items: { conversation: { id: string } }[]; nextCursor: string | null } = await store.listInbox({ siteId: s.id, staffId: agent.id, limit, cursor, ...view });
            got.push(...page.items.map((r) => r.conversation.id));
            cursor = page.nextCursor;
          } while (cursor);
          assert.deepEqual(got, expected, `${JSON.stringify(view)} by ${limit}`);
        }
      }
    });

    it('reportRows: opened per day in the asker\'s zone, resolves with their duration and resolver, first staff replies (not notes), ratings', async () => {
      const { store, s, v, by, agent } = await world();
      const D0 = Date.UTC(2026, 5, 1);
      const H = 3_600_000;
      const a = (await store.appendMessage(msg(v, { at: D0 + 9 * H }))).conversation;
      await store.appendMessage(msg(v, { conversationId: a.id, author: by, note: true, text: 'note', at: D0 + 9 * H + 60_000 }));
      await store.appendMessage(msg(v, { conversationId: a.id, author: by, text: 'reply', at: D0 + 9 * H + 120_000 }));
      await store.updateConversation({ conversationId: a.id, changes: { status: 'resolved', assigneeId: agent.id }, by, at: D0 + 11 * H });
      await store.rateConversation({ conversationId: a.id, score: 4, comment: null, by: { kind: 'visitor', id: v.id }, at: D0 + 12 * H, changeableMs: H });
      const b = (await store.appendMessage(msg(v, { newConversation: true, at: D0 + 23.5 * H }))).conversation;
      const rows = await store.reportRows({ siteId: s.id, from: D0, to: D0 + 48 * H, tzOffset: 60 });
      const day0 = Math.floor((D0 + H) / 86_400_000);
      assert.deepEqual(rows.openedByDay.map((r) => [Number(r.day), Number(r.n)]), [[day0, 1], [day0 + 1, 1]], 'B (23:30 UTC) is the next day at UTC+1');
      assert.deepEqual(rows.resolvedByDay.map((r) => [Number(r.day), Number(r.n)]), [[day0, 1]]);
      assert.deepEqual(rows.resolvedByAgent.map((r) => [r.staffId, Number(r.n)]), [[agent.id, 1]]);
      assert.deepEqual(middles(rows.firstResponse), [['all', 120_000, 1], [agent.id, 120_000, 1]], 'the reply, not the note before it');
      assert.deepEqual(middles(rows.resolution), [['all', 2 * H, 1]]);
      assert.deepEqual(rows.ratings.map((r) => [r.assigneeId, Number(r.score), Number(r.n)]), [[agent.id, 4, 1]]);
      const other = await store.reportRows({ siteId: s.id, from: D0 + 24 * H, to: D0 + 48 * H, tzOffset: 0 });
      assert.deepEqual([other.openedByDay.length, other.resolvedByDay.length, other.resolvedByAgent.length, other.firstResponse.length, other.resolution.length, other.ratings.length], [0, 0, 0, 0, 0, 0]);
      assert.deepEqual((await store.firstReplies({ siteId: s.id, from: D0, to: D0 + 48 * H })).map((r) => [Number(r.afterMs), Number(r.openedAt)]), [[120_000, D0 + 9 * H]]);
      void b;
    });

    it('reportRows: the first staff reply is kept on the conversation as it is written: one in the same batch, not a later one, not undone by its deletion', async () => {
      const { store, s, v, by, agent } = await world();
      const ben = await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Ben', role: 'agent', passwordHash: 'x' });
      const D0 = Date.UTC(2026, 6, 1);
      const M = 60_000;
      // A: a note, then Ben's reply and Alice's reply in one group commit (concurrent appends), then more.
      const a = (await store.appendMessage(msg(v, { at: D0 }))).conversation;
      await store.appendMessage(msg(v, { conversationId: a.id, author: by, note: true, text: 'note', at: D0 + M }));
      const [first] = await Promise.all([
        store.appendMessage(msg(v, { conversationId: a.id, author: { kind: 'staff', id: ben.id }, text: 'Ben here', at: D0 + 3 * M })),
        store.appendMessage(msg(v, { conversationId: a.id, author: by, text: 'Alice too', at: D0 + 4 * M })),
      ]);
      await store.appendMessage(msg(v, { conversationId: a.id, text: 'thanks', at: D0 + 5 * M }));
      await store.deleteMessage({ conversationId: a.id, messageId: first.message.id, by: { kind: 'staff', id: ben.id }, at: D0 + 6 * M });
      // B: only a note so far: no first response.
      const b = (await store.appendMessage(msg(v, { newConversation: true, at: D0 + 10 * M }))).conversation;
      await store.appendMessage(msg(v, { conversationId: b.id, author: by, note: true, text: 'looking', at: D0 + 11 * M }));
      const rows = await store.reportRows({ siteId: s.id, from: D0, to: D0 + 86_400_000, tzOffset: 0 });
      assert.deepEqual(middles(rows.firstResponse), [['all', 3 * M, 1], [ben.id, 3 * M, 1]]);
      // A reply after the conversation was cached and reloaded (a status change forgets it) sets B's.
      await store.updateConversation({ conversationId: b.id, changes: { status: 'resolved' }, by, at: D0 + 20 * M });
      await store.appendMessage(msg(v, { conversationId: b.id, author: by, text: 'done', at: D0 + 30 * M }));
      const again = await store.reportRows({ siteId: s.id, from: D0, to: D0 + 86_400_000, tzOffset: 0 });
      // Two values overall (3 and 20 minutes): the median is between them.
      assert.deepEqual(middles(again.firstResponse), [['all', 11.5 * M, 2], [agent.id, 20 * M, 1], [ben.id, 3 * M, 1]].sort(byGroup));
    });

    it('reportRows: the medians of each duration, overall and per agent, for odd and even counts, in the database', async () => {
      const { store, s, v, by, agent } = await world();
      const ben = { kind: 'staff' as const, id: (await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Ben', role: 'agent', passwordHash: 'x' })).id };
      const D0 = Date.UTC(2026, 7, 1);
      const M = 60_000;
      // Alice answers after 10, 1, 3, 2 minutes; Ben after 100, 5, 6. Each resolved by its replier after 1-7 hours.
      const plan: [Actor, number][] = [[by, 10], [by, 1], [ben, 100], [by, 3], [ben, 5], [by, 2], [ben, 6]];
      for (const [i, [who, after]] of plan.entries()) {
        const at = D0 + i * 3_600_000;
        const c = (await store.appendMessage(msg(v, { newConversation: true, at }))).conversation;
        await store.appendMessage(msg(v, { conversationId: c.id, author: who, text: 'answer', at: at + after * M }));
        await store.updateConversation({ conversationId: c.id, changes: { status: 'resolved' }, by: who, at: at + (i + 1) * 60 * M });
      }
      const rows = await store.reportRows({ siteId: s.id, from: D0, to: D0 + 86_400_000, tzOffset: 0 });
      assert.deepEqual(
        middles(rows.firstResponse),
        [['all', 5 * M, 7], [agent.id, 2.5 * M, 4], [ben.id, 6 * M, 3]].sort(byGroup),
        'overall 1 2 3 [5] 6 10 100; Alice 1 [2 3] 10; Ben 5 [6] 100',
      );
      assert.deepEqual(middles(rows.resolution), [['all', 4 * 60 * M, 7]]);
      assert.deepEqual(rows.resolvedByAgent.map((r) => [r.staffId, Number(r.n)]).sort(), [[agent.id, 4], [ben.id, 3]].sort());
    });
  });
}

/**
 * Middle rows (report-rows.ts) as [group, median, n] per group (group 'all' for the overall one), in a
 * stable order: a store may give a group's two middle values or the median itself, the median is the same.
 */
function middles(rows: { staffId: string | null; ms: number; n: number }[]): (string | number)[][] {
  const groups = new Map<string, { sum: number; k: number; n: number }>();
  for (const r of rows) {
    const key = r.staffId ?? 'all';
    const g = groups.get(key) ?? { sum: 0, k: 0, n: Number(r.n) };
    g.sum += Number(r.ms);
    g.k++;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => [key, g.sum / g.k, g.n]).sort(byGroup);
}
function byGroup(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const [ga, gb] = [String(a[0]), String(b[0])];
  if (ga === gb) return Number(a[1]) - Number(b[1]);
  return ga === 'all' ? -1 : gb === 'all' ? 1 : ga < gb ? -1 : 1;
}
