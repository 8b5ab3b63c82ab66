import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Actor, DurableEvent, Visitor } from '../../protocol/index.ts';
import { apiTokenStoreSuite } from './api-tokens.suite.ts';
import { webhookStoreSuite } from './webhooks.suite.ts';
import { privacyStoreSuite } from './privacy.suite.ts';
import { erasureRequestStoreSuite } from './erasure-requests.suite.ts';
import { notificationStoreSuite } from './notifications.suite.ts';
import { emailStoreSuite } from './email.suite.ts';
import { assignmentStoreSuite } from './assignment.suite.ts';
import { teamStoreSuite } from './teams.suite.ts';
import { lifecycleStoreSuite } from './lifecycle.suite.ts';
import { adminStoreSuite } from './admins.suite.ts';
import type { NewMessage, SiteRecord, StaffRecord, Store } from './store.ts';

/**
 * The behaviour every Store keeps (see the rules in store.ts). `makeStore` returns a fresh, migrated
 * store; one store serves the whole suite and every test makes its own sites, so tests are independent
 * and the suite also checks that sites never see each other. `openTwin` opens a second store on that
 * store's database (another process: its own connection or pool), for races between writers; it is
 * closed first.
 */
export function storeSuite<S extends Store>(name: string, makeStore: () => Promise<S>, openTwin: (store: S) => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: S;
    let twin: Store;
    before(async () => {
      store = await makeStore();
      twin = await openTwin(store);
    });
    after(async () => {
      await twin?.close();
      await store.close();
    });

    const uid = () => randomBytes(6).toString('hex');
    let clock = 1_700_000_000_000;
    const tick = () => ++clock;

    async function site(extra: Partial<SiteRecord> = {}): Promise<SiteRecord> {
      return store.createSite({ name: `Site ${uid()}`, allowedOrigins: ['http://localhost:*'], identitySecret: 'secret', settings: {}, ...extra });
    }
    async function staff(siteId: string, role: 'admin' | 'agent' = 'agent'): Promise<StaffRecord> {
      return store.createStaff({ siteId, email: `${uid()}@example.com`, name: `Agent ${uid()}`, role, passwordHash: 'x' });
    }
    async function visitor(siteId: string, externalId?: string): Promise<Visitor> {
      return store.createVisitor({ siteId, externalId, label: 'Blue Otter', context: { url: 'http://x/' }, at: tick() });
    }
    const asVisitor = (v: Visitor): Actor => ({ kind: 'visitor', id: v.id });
    const asStaff = (s: StaffRecord): Actor => ({ kind: 'staff', id: s.id });
    function msg(v: Visitor, over: Partial<NewMessage> = {}): NewMessage {
      return { siteId: v.siteId, visitorId: v.id, clientId: uid(), author: asVisitor(v), text: `hello ${uid()}`, attachmentIds: [], note: false, at: tick(), ...over };
    }
    /** A site with one agent, one visitor and a conversation holding one visitor message (seq 2). */
    async function world() {
      const s = await site();
      const agent = await staff(s.id);
      const v = await visitor(s.id);
      const first = await store.appendMessage(msg(v, { text: 'first question about invoices' }));
      return { s, agent, v, conv: first.conversation, first };
    }

    describe('sites', () => {
      it('creates, finds by id and key, lists and updates', async () => {
        const s = await site({ settings: { color: '#123456' } });
        assert.match(s.id, /^site_[A-Za-z0-9_-]{8,}$/);
        assert.match(s.key, /^pk_[A-Za-z0-9_-]{12,}$/);
        assert.deepEqual(await store.getSite(s.id), s);
        assert.deepEqual(await store.getSiteByKey(s.key), s);
        assert.ok((await store.listSites()).some((x) => x.id === s.id));
        const u = await store.updateSite(s.id, { name: 'Renamed', allowedOrigins: ['https://a.example'] });
        assert.equal(u?.name, 'Renamed');
        assert.deepEqual((await store.getSite(s.id))?.allowedOrigins, ['https://a.example']);
        assert.deepEqual((await store.getSite(s.id))?.settings, { color: '#123456' });
        assert.equal(await store.getSite('site_nope'), null);
        assert.equal(await store.getSiteByKey('pk_nope'), null);
        assert.equal(await store.updateSite('site_nope', { name: 'x' }), null);
      });
      it('ping answers', async () => {
        await store.ping();
      });
    });

    describe('staff and sessions', () => {
      it('creates staff offline, finds by email across sites case-insensitively, lists per site', async () => {
        const a = await site();
        const b = await site();
        const email = `Person.${uid()}@Example.com`;
        const sa = await store.createStaff({ siteId: a.id, email, name: 'P', role: 'admin', passwordHash: 'h' });
        await store.createStaff({ siteId: b.id, email, name: 'P', role: 'agent', passwordHash: 'h' });
        assert.match(sa.id, /^stf_/);
        assert.equal(sa.availability, 'offline');
        assert.deepEqual(await store.getStaff(sa.id), sa);
        assert.equal((await store.findStaffByEmail(email.toLowerCase())).length, 2);
        assert.deepEqual((await store.listStaff(a.id)).map((x) => x.id), [sa.id]);
        await store.setStaffAvailability(sa.id, 'online');
        assert.equal((await store.getStaff(sa.id))?.availability, 'online');
        assert.equal(await store.getStaff('stf_nope'), null);
      });
      it('refuses a second staff member with the same email on one site', async () => {
        const a = await site();
        const email = `dup.${uid()}@example.com`;
        await store.createStaff({ siteId: a.id, email, name: 'P', role: 'agent', passwordHash: 'h' });
        await assert.rejects(store.createStaff({ siteId: a.id, email: email.toUpperCase(), name: 'Q', role: 'agent', passwordHash: 'h' }), { code: 'conflict' });
      });
      it('sessions: found while valid, null once revoked or expired or unknown', async () => {
        const s = await staff((await site()).id);
        const id = `ses_${uid()}`;
        await store.createStaffSession({ id, staffId: s.id, expiresAt: 2000 });
        assert.deepEqual(await store.getStaffSession(id, 1000), { id, staffId: s.id, expiresAt: 2000 });
        assert.equal(await store.getStaffSession(id, 2000), null, 'expired at expiresAt');
        await store.revokeStaffSession(id);
        assert.equal(await store.getStaffSession(id, 1000), null);
        assert.equal(await store.getStaffSession('ses_nope', 1000), null);
      });
    });

    describe('visitors', () => {
      it('creates anonymous and identified visitors; external ids are per site', async () => {
        const a = await site();
        const b = await site();
        const anon = await visitor(a.id);
        assert.match(anon.id, /^vis_/);
        assert.equal(anon.identified, false);
        assert.equal(anon.externalId, undefined);
        assert.deepEqual(anon.context, { url: 'http://x/' });
        const ext = `user-${uid()}`;
        const known = await store.createVisitor({ siteId: a.id, externalId: ext, name: 'Ann', email: 'ann@x.io', emailVerified: true, label: 'L', context: {}, at: 5 });
        assert.equal(known.identified, true);
        assert.equal(known.name, 'Ann');
        assert.equal(known.emailVerified, true);
        assert.deepEqual(await store.findVisitorByExternalId(a.id, ext), known);
        assert.equal(await store.findVisitorByExternalId(b.id, ext), null);
        const other = await store.createVisitor({ siteId: b.id, externalId: ext, label: 'L', context: {}, at: 5 });
        assert.notEqual(other.id, known.id);
        assert.deepEqual(await store.getVisitor(anon.id), anon);
        assert.equal(await store.getVisitor('vis_nope'), null);
      });
      it('updates a visitor with a patch', async () => {
        const v = await visitor((await site()).id);
        const u = await store.updateVisitor(v.id, { email: 'typed@x.io', emailVerified: false, lastSeenAt: 99, context: { title: 'Pricing' } });
        assert.equal(u?.email, 'typed@x.io');
        assert.equal(u?.emailVerified, false);
        assert.equal(u?.lastSeenAt, 99);
        assert.deepEqual(u?.context, { title: 'Pricing' });
        assert.equal(u?.label, v.label);
        const id = await store.updateVisitor(v.id, { externalId: `u-${uid()}`, identified: true, name: 'Now Known' });
        assert.equal(id?.identified, true);
        assert.equal(id?.name, 'Now Known');
        assert.equal(await store.updateVisitor('vis_nope', { name: 'x' }), null);
      });
      it('merges an anonymous visitor into an identified one: conversations, authorship and unread follow', async () => {
        const { s, agent, v, conv } = await world();
        const known = await visitor(s.id, `u-${uid()}`);
        await store.mergeVisitor(v.id, known.id, tick());
        assert.deepEqual(await store.listVisitorConversations(v.id), []);
        const convs = await store.listVisitorConversations(known.id);
        assert.deepEqual(convs.map((c) => c.id), [conv.id]);
        assert.equal(convs[0].visitorId, known.id);
        const h = await store.history(conv.id, { limit: 10, includeNotes: true });
        assert.deepEqual(h.messages[0].author, { kind: 'visitor', id: known.id });
        assert.deepEqual(await store.unreadForStaff(s.id, agent.id), { [conv.id]: 1 });
        const more = await store.appendMessage(msg(known, { conversationId: conv.id }));
        assert.equal(more.message.seq, 4, 'after its visitor.identified event (seq 3)');
      });
      it('refuses to merge visitors of different sites', async () => {
        const a = await visitor((await site()).id);
        const b = await visitor((await site()).id);
        await assert.rejects(store.mergeVisitor(a.id, b.id, tick()), { code: 'forbidden' });
      });
    });

    describe('appendMessage', () => {
      it('without conversationId creates an open conversation: conversation.created (seq 1) then message.created (seq 2)', async () => {
        const s = await site();
        const v = await visitor(s.id);
        const r = await store.appendMessage(msg(v, { text: 'Hi there', authorName: 'Visitor' }));
        assert.equal(r.duplicate, false);
        assert.deepEqual(r.events.map((e) => [e.kind, e.seq]), [['conversation.created', 1], ['message.created', 2]]);
        assert.ok(r.events[0].cursor > 0 && r.events[1].cursor > r.events[0].cursor);
        assert.match(r.message.id, /^msg_/);
        assert.match(r.conversation.id, /^cnv_/);
        assert.equal(r.message.seq, 2);
        assert.equal(r.message.text, 'Hi there');
        assert.equal(r.message.authorName, 'Visitor');
        assert.equal(r.message.deleted, false);
        assert.equal(r.conversation.status, 'open');
        assert.equal(r.conversation.visitorId, v.id);
        assert.equal(r.conversation.lastSeq, 2);
        assert.equal(r.conversation.lastMessage?.id, r.message.id);
        const created = r.events[1];
        assert.ok(created.kind === 'message.created');
        assert.deepEqual(created.message, r.message);
        const got = await store.getConversation(r.conversation.id);
        assert.equal(got?.lastSeq, 2);
        assert.deepEqual(await store.findOpenConversation(v.id).then((c) => c?.id), r.conversation.id);
        assert.deepEqual(await store.visitorSendTarget(v.id), { name: v.name ?? v.label, openConversation: { id: r.conversation.id, status: 'open' } });
        assert.equal(await store.visitorSendTarget('vis_nope'), null);
      });

      it('visitorSendTarget follows renames, resolves, new conversations and the most recently active one', async () => {
        const s = await site();
        const agent = await staff(s.id);
        const v = await visitor(s.id);
        const first = await store.appendMessage(msg(v));
        const target = () => store.visitorSendTarget(v.id);
        assert.deepEqual((await target())?.openConversation, { id: first.conversation.id, status: 'open' });
        await store.updateVisitor(v.id, { name: 'Renamed Visitor' });
        assert.equal((await target())?.name, 'Renamed Visitor');
        await store.updateConversation({ conversationId: first.conversation.id, changes: { status: 'resolved' }, by: asStaff(agent), at: tick() });
        assert.equal((await target())?.openConversation, null);
        const second = await store.appendMessage(msg(v));
        assert.notEqual(second.conversation.id, first.conversation.id, 'a message after resolve opens a new conversation');
        assert.deepEqual((await target())?.openConversation, { id: second.conversation.id, status: 'open' });
        // The first one reopened and then written into: it is the most recently active, so it is the target.
        await store.updateConversation({ conversationId: first.conversation.id, changes: { status: 'pending' }, by: asStaff(agent), at: tick() });
        await store.appendMessage(msg(v, { conversationId: first.conversation.id, at: tick() }));
        assert.deepEqual((await target())?.openConversation, { id: first.conversation.id, status: 'pending' });
        await store.appendMessage(msg(v, { conversationId: second.conversation.id, at: tick() }));
        assert.deepEqual((await target())?.openConversation, { id: second.conversation.id, status: 'open' });
        // What a resume reads: every conversation of the visitor with its current seq.
        const seqs = (await store.visitorConversationSeqs(v.id)).sort((x, y) => x.id.localeCompare(y.id));
        const expected = await Promise.all([first, second].map(async (r) => ({ id: r.conversation.id, lastSeq: (await store.getConversation(r.conversation.id))!.lastSeq })));
        assert.deepEqual(seqs, expected.sort((x, y) => x.id.localeCompare(y.id)));
        assert.ok(seqs.every((c) => c.lastSeq >= 3));
        assert.deepEqual(await store.visitorConversationSeqs('vis_nope'), []);
        // What the notification follower reads per batch: each conversation's assignee, nothing else.
        await store.updateConversation({ conversationId: second.conversation.id, changes: { assigneeId: agent.id }, by: asStaff(agent), at: tick() });
        const assignees = await store.conversationAssignees([first.conversation.id, second.conversation.id, 'cnv_nope', second.conversation.id]);
        assert.deepEqual([...assignees].sort(([a], [b]) => a.localeCompare(b)), [[first.conversation.id, null], [second.conversation.id, agent.id]].sort(([a], [b]) => String(a).localeCompare(String(b))));
        assert.equal((await store.conversationAssignees([])).size, 0);
      });

      it('keeps seq gap-free and cursors in commit order under many concurrent appends', async () => {
        const s = await site();
        const agent = await staff(s.id);
        const vs = await Promise.all([visitor(s.id), visitor(s.id), visitor(s.id)]);
        const firsts = await Promise.all(vs.map((v) => store.appendMessage(msg(v))));
        const all = await Promise.all(
          Array.from({ length: 300 }, (_, i) => {
            const k = i % 3;
            const byStaff = i % 5 === 0;
            return store.appendMessage(
              msg(vs[k], { conversationId: firsts[k].conversation.id, author: byStaff ? asStaff(agent) : asVisitor(vs[k]), note: byStaff && i % 2 === 0 }),
            );
          }),
        );
        for (let k = 0; k < 3; k++) {
          const cid = firsts[k].conversation.id;
          const seqs = all.filter((r) => r.conversation.id === cid).map((r) => r.message.seq).sort((a, b) => a - b);
          assert.deepEqual(seqs, Array.from({ length: 100 }, (_, i) => i + 3), 'seqs 3..102 exactly once');
          const ev = await store.eventsAfterSeq(cid, 0, 1000, false);
          assert.deepEqual(ev.map((e) => e.seq), Array.from({ length: 102 }, (_, i) => i + 1));
          for (let i = 1; i < ev.length; i++) assert.ok(ev[i].cursor > ev[i - 1].cursor, 'cursor grows with seq');
          assert.equal((await store.getConversation(cid))?.lastSeq, 102);
        }
        const site_ = await store.eventsAfterCursor(s.id, 0, 10_000);
        assert.equal(site_.length, 3 * 102);
        for (let i = 1; i < site_.length; i++) assert.ok(site_[i].cursor > site_[i - 1].cursor);
        assert.equal(await store.latestCursor(s.id), site_[site_.length - 1].cursor);
      });

      it('is idempotent on (author, clientId): the resend returns the first message, writes nothing', async () => {
        const { s, v, conv } = await world();
        const input = msg(v, { conversationId: conv.id, clientId: 'same-client-id' });
        const a = await store.appendMessage(input);
        const before = await store.latestCursor(s.id);
        const b = await store.appendMessage({ ...input, at: tick() });
        assert.equal(b.duplicate, true);
        assert.deepEqual(b.events, []);
        assert.deepEqual(b.message, a.message);
        assert.equal(b.conversation.id, conv.id);
        assert.equal(await store.latestCursor(s.id), before);
        // concurrent duplicates (same batch) make one message
        const c = msg(v, { conversationId: conv.id });
        const rs = await Promise.all([store.appendMessage(c), store.appendMessage(c), store.appendMessage(c)]);
        assert.equal(new Set(rs.map((r) => r.message.id)).size, 1);
        assert.equal(rs.filter((r) => !r.duplicate).length, 1);
        // a resend without conversationId does not create a second conversation
        const fresh = await visitor(s.id);
        const n = msg(fresh);
        const [x, y] = await Promise.all([store.appendMessage(n), store.appendMessage(n)]);
        assert.equal(x.conversation.id, y.conversation.id);
        assert.equal((await store.listVisitorConversations(fresh.id)).length, 1);
      });

      it('treats the same clientId from another author as a different message', async () => {
        const { agent, v, conv } = await world();
        const a = await store.appendMessage(msg(v, { conversationId: conv.id, clientId: 'c-1' }));
        const b = await store.appendMessage(msg(v, { conversationId: conv.id, clientId: 'c-1', author: asStaff(agent) }));
        assert.notEqual(a.message.id, b.message.id);
        assert.equal(b.duplicate, false);
      });

      it('a failing append fails alone; the others in its batch commit with gap-free seqs', async () => {
        const { s, v, conv } = await world();
        const other = await site();
        const results = await Promise.allSettled([
          store.appendMessage(msg(v, { conversationId: conv.id })),
          store.appendMessage(msg(v, { conversationId: 'cnv_missing' })),
          store.appendMessage(msg(v, { conversationId: conv.id, siteId: other.id })),
          store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: ['att_missing'] })),
          store.appendMessage(msg(v, { conversationId: conv.id })),
        ]);
        assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
        for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'not_found');
        const ev = await store.eventsAfterSeq(conv.id, 0, 100, false);
        assert.deepEqual(ev.map((e) => e.seq), [1, 2, 3, 4]);
        assert.equal((await store.history(conv.id, { limit: 50, includeNotes: true })).messages.length, 3);
        assert.equal((await store.eventsAfterCursor(s.id, 0, 100)).length, 4);
      });

      it('refuses a new conversation for a visitor of another site', async () => {
        const v = await visitor((await site()).id);
        const other = await site();
        await assert.rejects(store.appendMessage(msg(v, { siteId: other.id })), { code: 'not_found' });
      });
    });

    describe('notes', () => {
      it('are hidden from visitor replay, visitor history, visitor unread and the visitor view of lastMessage', async () => {
        const { agent, v, conv } = await world();
        const reply = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent), text: 'public reply' }));
        const note = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent), text: 'secret note', note: true }));
        assert.equal(note.message.note, true);
        const staffView = await store.eventsAfterSeq(conv.id, 0, 100, false);
        const visitorView = await store.eventsAfterSeq(conv.id, 0, 100, true);
        assert.deepEqual(staffView.map((e) => e.seq), [1, 2, 3, 4]);
        assert.deepEqual(visitorView.map((e) => e.seq), [1, 2, 3]);
        assert.ok(!JSON.stringify(visitorView).includes('secret note'));
        const hv = await store.history(conv.id, { limit: 10, includeNotes: false });
        assert.deepEqual(hv.messages.map((m) => m.text), ['first question about invoices', 'public reply']);
        const hs = await store.history(conv.id, { limit: 10, includeNotes: true });
        assert.equal(hs.messages.length, 3);
        assert.equal(await store.unreadForVisitor(conv.id), 1);
        assert.equal((await store.getConversation(conv.id))?.lastMessage?.id, note.message.id);
        assert.equal((await store.getConversation(conv.id, { forVisitor: true }))?.lastMessage?.id, reply.message.id);
        assert.equal((await store.listVisitorConversations(v.id, { forVisitor: true }))[0].lastMessage?.id, reply.message.id);
        const del = await store.deleteMessage({ conversationId: conv.id, messageId: note.message.id, by: asStaff(agent), at: tick() });
        assert.equal(del?.kind, 'message.deleted');
        assert.deepEqual((await store.eventsAfterSeq(conv.id, 4, 100, true)).length, 0, 'deleting a note is invisible too');
      });
    });

    describe('deleteMessage', () => {
      it('tombstones the message, scrubs its replay, drops it from search and unread, and emits message.deleted', async () => {
        const { s, agent, v, conv, first } = await world();
        const ev = await store.deleteMessage({ conversationId: conv.id, messageId: first.message.id, by: asStaff(agent), at: tick() });
        assert.ok(ev && ev.kind === 'message.deleted');
        assert.equal(ev.seq, 3);
        assert.equal(ev.messageId, first.message.id);
        assert.deepEqual(ev.by, asStaff(agent));
        const h = await store.history(conv.id, { limit: 10, includeNotes: true });
        assert.equal(h.messages[0].deleted, true);
        assert.equal(h.messages[0].text, '');
        const replay = await store.eventsAfterSeq(conv.id, 0, 10, true);
        assert.ok(!JSON.stringify(replay).includes('invoices'), 'replay no longer carries the text');
        const created = replay.find((e) => e.kind === 'message.created');
        assert.ok(created && created.kind === 'message.created' && created.message.deleted === true);
        assert.deepEqual(await store.searchMessages(s.id, 'invoices', 10), []);
        assert.deepEqual(await store.unreadForStaff(s.id, agent.id), {});
        assert.equal((await store.getConversation(conv.id))?.lastMessage, undefined);
        assert.equal(await store.deleteMessage({ conversationId: conv.id, messageId: first.message.id, by: asStaff(agent), at: tick() }), null);
        await assert.rejects(store.deleteMessage({ conversationId: conv.id, messageId: 'msg_nope', by: asStaff(agent), at: tick() }), { code: 'not_found' });
        void v;
      });
    });

    describe('read cursors', () => {
      it('move forward only, clamp to the last message, and show in conversation.reads', async () => {
        const { agent, v, conv } = await world();
        await store.appendMessage(msg(v, { conversationId: conv.id }));
        await store.appendMessage(msg(v, { conversationId: conv.id }));
        const e1 = await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 3, at: tick() });
        assert.ok(e1 && e1.kind === 'read.moved');
        assert.equal(e1.seq, 5);
        assert.equal(e1.upTo, 3);
        assert.deepEqual(e1.reader, asStaff(agent));
        assert.equal(await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 3, at: tick() }), null);
        assert.equal(await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 2, at: tick() }), null);
        const e2 = await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 1000, at: tick() });
        assert.ok(e2 && e2.kind === 'read.moved');
        assert.equal(e2.upTo, 4, 'clamped to the last message seq, not past read events');
        assert.equal(await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 6, at: tick() }), null, 'no read loop');
        await store.moveReadCursor({ conversationId: conv.id, reader: asVisitor(v), upTo: 2, at: tick() });
        const c = await store.getConversation(conv.id);
        assert.deepEqual(
          [...(c?.reads ?? [])].sort((a, b) => a.reader.kind.localeCompare(b.reader.kind)),
          [{ reader: asStaff(agent), seq: 4 }, { reader: asVisitor(v), seq: 2 }],
        );
        await assert.rejects(store.moveReadCursor({ conversationId: 'cnv_nope', reader: asVisitor(v), upTo: 1, at: 1 }), { code: 'not_found' });
      });
    });

    describe('updateConversation', () => {
      it('applies real changes as conversation.updated and returns null when nothing changes', async () => {
        const { agent, v, conv } = await world();
        const e = await store.updateConversation({ conversationId: conv.id, changes: { status: 'resolved', assigneeId: agent.id }, by: asStaff(agent), at: tick() });
        assert.ok(e && e.kind === 'conversation.updated');
        assert.equal(e.seq, 3);
        assert.deepEqual(e.changes, { status: 'resolved', assigneeId: agent.id });
        assert.equal(e.conversation.status, 'resolved');
        assert.equal(e.conversation.assigneeId, agent.id);
        assert.equal(e.conversation.lastSeq, 3);
        assert.equal(await store.updateConversation({ conversationId: conv.id, changes: { status: 'resolved' }, by: asStaff(agent), at: tick() }), null);
        assert.equal(await store.updateConversation({ conversationId: conv.id, changes: {}, by: asStaff(agent), at: tick() }), null);
        assert.equal(await store.findOpenConversation(v.id), null, 'resolved is not open');
        assert.equal((await store.visitorSendTarget(v.id))?.openConversation, null, 'resolved is not a send target');
        const e2 = await store.updateConversation({ conversationId: conv.id, changes: { status: 'resolved', assigneeId: null }, by: asStaff(agent), at: tick() });
        assert.deepEqual(e2 && e2.kind === 'conversation.updated' && e2.changes, { assigneeId: null });
        const e3 = await store.updateConversation({ conversationId: conv.id, changes: { status: 'snoozed', snoozedUntil: 12345 }, by: asStaff(agent), at: tick() });
        assert.equal(e3 && e3.kind === 'conversation.updated' && e3.conversation.snoozedUntil, 12345);
        assert.equal((await store.findOpenConversation(v.id))?.id, conv.id, 'snoozed counts as not resolved');
        assert.deepEqual((await store.visitorSendTarget(v.id))?.openConversation, { id: conv.id, status: 'snoozed' });
        await assert.rejects(store.updateConversation({ conversationId: 'cnv_nope', changes: { status: 'open' }, by: asStaff(agent), at: 1 }), { code: 'not_found' });
      });
    });

    describe('replay', () => {
      it('eventsAfterSeq and eventsAfterCursor return events after the point, ascending, limited', async () => {
        const { s, v, conv } = await world();
        for (let i = 0; i < 8; i++) await store.appendMessage(msg(v, { conversationId: conv.id }));
        const page = await store.eventsAfterSeq(conv.id, 3, 4, true);
        assert.deepEqual(page.map((e) => e.seq), [4, 5, 6, 7]);
        const all = await store.eventsAfterCursor(s.id, 0, 100);
        assert.equal(all.length, 10);
        const rest = await store.eventsAfterCursor(s.id, all[4].cursor, 3);
        assert.deepEqual(rest.map((e) => e.cursor), all.slice(5, 8).map((e) => e.cursor));
        assert.deepEqual(await store.eventsAfterCursor(s.id, all[9].cursor, 10), []);
        const empty = await site();
        assert.equal(await store.latestCursor(empty.id), 0);
        const e5 = all[5] as DurableEvent;
        assert.equal(e5.conversationId, conv.id);
      });
    });

    describe('holes are detectable', () => {
      it('cursors are dense per site, in commit order, whatever other sites do; latestCursors reads many sites', async () => {
        const [a, b] = [await site(), await site()];
        const agent = await staff(a.id);
        const va = await visitor(a.id);
        const vb = await visitor(b.id);
        const firstA = await store.appendMessage(msg(va));
        const firstB = await store.appendMessage(msg(vb));
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            i % 2 ? store.appendMessage(msg(va, { conversationId: firstA.conversation.id })) : store.appendMessage(msg(vb, { conversationId: firstB.conversation.id })),
          ),
        );
        await store.moveReadCursor({ conversationId: firstA.conversation.id, reader: asStaff(agent), upTo: 2, at: tick() });
        await store.updateConversation({ conversationId: firstA.conversation.id, changes: { status: 'pending' }, by: asStaff(agent), at: tick() });
        const logA = await store.eventsAfterCursor(a.id, 0, 1000);
        const logB = await store.eventsAfterCursor(b.id, 0, 1000);
        const base = (log: DurableEvent[]) => log[0].cursor - 1;
        assert.deepEqual(logA.map((e) => e.cursor - base(logA)), Array.from({ length: 24 }, (_, i) => i + 1), 'site a: no hole');
        assert.deepEqual(logB.map((e) => e.cursor - base(logB)), Array.from({ length: 22 }, (_, i) => i + 1), 'site b: no hole');
        assert.deepEqual(await store.latestCursors([a.id, b.id, 'site_none']), { [a.id]: logA.at(-1)!.cursor, [b.id]: logB.at(-1)!.cursor, site_none: 0 });
        const routed = await store.routedEventsAfterCursor(a.id, logA[0].cursor - 1, 1000);
        assert.deepEqual(routed.map((r) => r.event), logA, 'the routed log is the same log');
        assert.ok(routed.every((r) => r.visitorId === va.id && r.visible));
      });

      it('a cursor is never given out twice, not even after the rows holding the newest ones are erased', async () => {
        const a = await site();
        const agent = await staff(a.id);
        const keep = await visitor(a.id);
        const gone = await visitor(a.id);
        await store.appendMessage(msg(keep));
        const last = await store.appendMessage(msg(gone));
        await store.appendMessage(msg(gone, { conversationId: last.conversation.id }));
        const before = (await store.latestCursors([a.id]))[a.id];
        const erased = await store.eraseVisitor({ siteId: a.id, visitorId: gone.id, tombstone: false, at: tick() });
        const erasedCursors = erased.events.map((e) => e.cursor);
        assert.ok(erasedCursors.every((c) => c > before), 'the erasure\'s own events come after everything it deletes');
        const next = await store.appendMessage(msg(keep));
        const status = await store.updateConversation({ conversationId: next.conversation.id, changes: { status: 'pending' }, by: asStaff(agent), at: tick() });
        const after = [next.events[0].cursor, status!.cursor];
        assert.deepEqual(after, [Math.max(...erasedCursors) + 1, Math.max(...erasedCursors) + 2], 'dense, past every cursor given out before');
        assert.equal((await store.latestCursors([a.id]))[a.id], after[1]);
      });

      it('every event a visitor may see names the previous one (prevVisibleSeq); notes and their deletion name none', async () => {
        const { s, agent, v, conv } = await world();
        const note = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent), note: true }));
        const reply = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent) }));
        await store.deleteMessage({ conversationId: conv.id, messageId: note.message.id, by: asStaff(agent), at: tick() });
        await store.moveReadCursor({ conversationId: conv.id, reader: asVisitor(v), upTo: reply.message.seq, at: tick() });
        await store.deleteMessage({ conversationId: conv.id, messageId: reply.message.id, by: asStaff(agent), at: tick() });
        await store.updateConversation({ conversationId: conv.id, changes: { status: 'pending' }, by: asStaff(agent), at: tick() });
        const all = await store.eventsAfterSeq(conv.id, 0, 100, false);
        assert.deepEqual(
          all.map((e) => [e.seq, e.kind, e.prevVisibleSeq]),
          [
            [1, 'conversation.created', 0],
            [2, 'message.created', 1],
            [3, 'message.created', undefined],
            [4, 'message.created', 2],
            [5, 'message.deleted', undefined],
            [6, 'read.moved', 4],
            [7, 'message.deleted', 6],
            [8, 'conversation.updated', 7],
          ],
        );
        const visitorView = await store.eventsAfterSeq(conv.id, 0, 100, true);
        assert.deepEqual(visitorView.map((e) => e.prevVisibleSeq), [0, ...visitorView.slice(0, -1).map((e) => e.seq)], 'a chain without holes');
        const routed = await store.routedEventsAfterCursor(s.id, 0, 100);
        assert.deepEqual(routed.map((r) => r.visible), [true, true, false, true, false, true, true, true]);
      });

      it('appends without a conversation id for one visitor, all at once, share one conversation', async () => {
        const s = await site();
        const v = await visitor(s.id);
        const results = await Promise.all(Array.from({ length: 5 }, () => store.appendMessage(msg(v))));
        assert.equal(new Set(results.map((r) => r.conversation.id)).size, 1);
        assert.equal((await store.listVisitorConversations(v.id)).length, 1);
        assert.deepEqual(results.flatMap((r) => r.events.filter((e) => e.kind === 'conversation.created')).length, 1);
      });

      it('a visitor message reopens a resolved or snoozed conversation in the same commit, after its message.created', async () => {
        const { s, agent, v, conv } = await world();
        await store.updateConversation({ conversationId: conv.id, changes: { status: 'resolved' }, by: asStaff(agent), at: tick() });
        const back = await store.appendMessage(msg(v, { conversationId: conv.id, reopen: true }));
        assert.deepEqual(back.events.map((e) => [e.kind, e.seq]), [['message.created', 4], ['conversation.updated', 5]]);
        const updated = back.events[1];
        assert.ok(updated.kind === 'conversation.updated');
        assert.deepEqual(updated.changes, { status: 'open' });
        assert.deepEqual(updated.by, asVisitor(v));
        assert.equal(updated.conversation.status, 'open');
        assert.equal(updated.conversation.lastMessage?.id, back.message.id);
        assert.equal(updated.cursor, back.events[0].cursor + 1);
        assert.equal(back.conversation.status, 'open');
        assert.equal((await store.getConversation(conv.id))?.status, 'open');
        assert.deepEqual((await store.visitorSendTarget(v.id))?.openConversation, { id: conv.id, status: 'open' });
        assert.deepEqual((await store.eventsAfterCursor(s.id, back.events[0].cursor - 1, 10)).map((e) => e.kind), ['message.created', 'conversation.updated']);
        // Snoozed too; staff messages and conversations already open do not reopen anything.
        await store.updateConversation({ conversationId: conv.id, changes: { status: 'snoozed', snoozedUntil: 99 }, by: asStaff(agent), at: tick() });
        const staffReply = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent) }));
        assert.deepEqual(staffReply.events.map((e) => e.kind), ['message.created']);
        const again = await store.appendMessage(msg(v, { conversationId: conv.id, reopen: true }));
        assert.deepEqual(again.events.map((e) => e.kind), ['message.created', 'conversation.updated']);
        assert.equal((await store.getConversation(conv.id))?.snoozedUntil, null);
        const open = await store.appendMessage(msg(v, { conversationId: conv.id, reopen: true }));
        assert.deepEqual(open.events.map((e) => e.kind), ['message.created']);
      });
    });

    describe('history', () => {
      it('pages newest first by default, then before/after, ascending inside a page, with hasMore', async () => {
        const { v, conv } = await world();
        for (let i = 0; i < 24; i++) await store.appendMessage(msg(v, { conversationId: conv.id }));
        // messages have seqs 2..26
        const newest = await store.history(conv.id, { limit: 10, includeNotes: false });
        assert.deepEqual(newest.messages.map((m) => m.seq), Array.from({ length: 10 }, (_, i) => 17 + i));
        assert.equal(newest.hasMore, true);
        const older = await store.history(conv.id, { before: 17, limit: 10, includeNotes: false });
        assert.deepEqual(older.messages.map((m) => m.seq), Array.from({ length: 10 }, (_, i) => 7 + i));
        const oldest = await store.history(conv.id, { before: 7, limit: 10, includeNotes: false });
        assert.deepEqual(oldest.messages.map((m) => m.seq), [2, 3, 4, 5, 6]);
        assert.equal(oldest.hasMore, false);
        const after = await store.history(conv.id, { after: 20, limit: 3, includeNotes: false });
        assert.deepEqual(after.messages.map((m) => m.seq), [21, 22, 23]);
        assert.equal(after.hasMore, true);
        const tail = await store.history(conv.id, { after: 23, limit: 10, includeNotes: false });
        assert.deepEqual(tail.messages.map((m) => m.seq), [24, 25, 26]);
        assert.equal(tail.hasMore, false);
        assert.deepEqual(await store.history('cnv_nope', { limit: 10, includeNotes: true }), { messages: [], hasMore: false });
      });
    });

    describe('unread', () => {
      it('counts visitor messages above each staff cursor, per site, omitting zeros', async () => {
        const { s, agent, v, conv } = await world();
        const agent2 = await staff(s.id);
        const v2 = await visitor(s.id);
        const c2 = (await store.appendMessage(msg(v2))).conversation;
        await store.appendMessage(msg(v, { conversationId: conv.id }));
        await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent) }));
        assert.deepEqual(await store.unreadForStaff(s.id, agent.id), { [conv.id]: 2, [c2.id]: 1 });
        await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: 4, at: tick() });
        assert.deepEqual(await store.unreadForStaff(s.id, agent.id), { [c2.id]: 1 });
        assert.deepEqual(await store.unreadForStaff(s.id, agent2.id), { [conv.id]: 2, [c2.id]: 1 });
        const other = await site();
        assert.deepEqual(await store.unreadForStaff(other.id, agent.id), {});
        assert.equal(await store.unreadForVisitor(conv.id), 1);
        await store.moveReadCursor({ conversationId: conv.id, reader: asVisitor(v), upTo: 4, at: tick() });
        assert.equal(await store.unreadForVisitor(conv.id), 0);
      });

      it('counts one conversation for one staff member, with the seq the count is as of', async () => {
        const { agent, v, conv, first } = await world();
        const agent2 = await staff(conv.siteId);
        const second = await store.appendMessage(msg(v, { conversationId: conv.id }));
        const reply = await store.appendMessage(msg(v, { conversationId: conv.id, author: asStaff(agent) }));
        assert.deepEqual(await store.unreadForStaffInConversation(conv.id, agent.id), { count: 2, seq: reply.message.seq });
        await store.moveReadCursor({ conversationId: conv.id, reader: asStaff(agent), upTo: first.message.seq, at: tick() });
        const read = await store.unreadForStaffInConversation(conv.id, agent.id);
        assert.equal(read.count, 1, 'only the message after the cursor');
        assert.ok(read.seq > reply.message.seq, 'the read event took a seq');
        assert.equal((await store.unreadForStaffInConversation(conv.id, agent2.id)).count, 2, 'another agent is unaffected');
        await store.deleteMessage({ conversationId: conv.id, messageId: second.message.id, by: asStaff(agent), at: tick() });
        assert.equal((await store.unreadForStaffInConversation(conv.id, agent.id)).count, 0, 'a deleted message is not unread');
        assert.equal((await store.unreadForStaffInConversation(conv.id, agent2.id)).count, 1);
        assert.deepEqual(await store.unreadForStaffInConversation('cnv_nope', agent.id), { count: 0, seq: 0 });
      });
    });

    describe('inbox', () => {
      async function busySite(n: number) {
        const s = await site();
        const me = await staff(s.id);
        const other = await staff(s.id);
        const convs: string[] = [];
        for (let i = 0; i < n; i++) {
          const v = await visitor(s.id);
          const r = await store.appendMessage(msg(v, { text: i % 4 === 0 ? `refund please ${i}` : `question ${i}` }));
          convs.push(r.conversation.id);
        }
        return { s, me, other, convs };
      }

      it('orders by newest activity and pages with an opaque cursor, without repeats or gaps', async () => {
        const { s, me, convs } = await busySite(23);
        // activity on an old conversation moves it to the top
        const bumped = await store.getConversation(convs[0]);
        await store.appendMessage({ ...msg((await store.getVisitor(bumped!.visitorId))!), conversationId: convs[0] });
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<Store['listInbox']>> = await store.listInbox({ siteId: s.id, staffId: me.id, cursor, limit: 10 });
          seen.push(...page.items.map((r) => r.conversation.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        assert.equal(pages, 3);
        assert.equal(seen.length, 23);
        assert.equal(new Set(seen).size, 23);
        assert.equal(seen[0], convs[0]);
        assert.deepEqual(seen.slice(1), convs.slice(1).reverse());
        const first = (await store.listInbox({ siteId: s.id, staffId: me.id, limit: 1 })).items[0];
        assert.equal(first.visitor.id, bumped!.visitorId);
        assert.equal(first.unread, 2);
        assert.equal(first.conversation.lastMessage?.seq, 3);
        await assert.rejects(store.listInbox({ siteId: s.id, staffId: me.id, cursor: 'garbage!', limit: 5 }), { code: 'bad_request' });
      });

      it('filters by status, assignee (me, unassigned, someone), unread only and text', async () => {
        const { s, me, other, convs } = await busySite(8);
        const by = asStaff(me);
        await store.updateConversation({ conversationId: convs[0], changes: { assigneeId: me.id }, by, at: tick() });
        await store.updateConversation({ conversationId: convs[1], changes: { assigneeId: other.id, status: 'pending' }, by, at: tick() });
        await store.updateConversation({ conversationId: convs[2], changes: { status: 'resolved' }, by, at: tick() });
        await store.moveReadCursor({ conversationId: convs[3], reader: by, upTo: 2, at: tick() });
        const ids = async (q: Partial<Parameters<Store['listInbox']>[0]>) =>
          (await store.listInbox({ siteId: s.id, staffId: me.id, limit: 50, ...q })).items.map((r) => r.conversation.id).sort();
        assert.deepEqual(await ids({ assignee: 'me' }), [convs[0]]);
        assert.deepEqual(await ids({ assignee: other.id }), [convs[1]]);
        assert.equal((await ids({ assignee: 'unassigned' })).length, 6);
        assert.deepEqual(await ids({ status: 'pending' }), [convs[1]]);
        assert.deepEqual(await ids({ status: 'resolved' }), [convs[2]]);
        assert.equal((await ids({ status: 'open' })).length, 6);
        const unread = await ids({ unreadOnly: true });
        assert.equal(unread.length, 7);
        assert.ok(!unread.includes(convs[3]));
        assert.deepEqual(await ids({ q: 'refund' }), [convs[0], convs[4]].sort());
        assert.deepEqual(await ids({ q: 'refund', assignee: 'me' }), [convs[0]]);
        assert.deepEqual(await ids({ q: 'refu' }), [convs[0], convs[4]].sort(), 'prefix match');
        assert.deepEqual(await ids({ q: '"(' }), []);
        const rows = (await store.listInbox({ siteId: s.id, staffId: me.id, limit: 50 })).items;
        assert.equal(rows.find((r) => r.conversation.id === convs[3])?.unread, 0);
        assert.equal(rows.find((r) => r.conversation.id === convs[5])?.unread, 1);
        assert.equal((await store.listInbox({ siteId: s.id, staffId: other.id, limit: 50 })).items.find((r) => r.conversation.id === convs[3])?.unread, 1);
      });

      it('never shows another site’s conversations', async () => {
        const a = await busySite(3);
        const b = await busySite(2);
        const rowsB = await store.listInbox({ siteId: b.s.id, staffId: b.me.id, limit: 50 });
        assert.deepEqual(rowsB.items.map((r) => r.conversation.id).sort(), [...b.convs].sort());
        assert.equal((await store.listInbox({ siteId: b.s.id, staffId: b.me.id, limit: 50, q: 'refund' })).items.length, 1);
        void a;
      });
    });

    describe('search', () => {
      it('finds words in message text of one site with a marked snippet, safely for any input', async () => {
        const { s, v, conv } = await world();
        const word = `zebra${uid()}`;
        await store.appendMessage(msg(v, { conversationId: conv.id, text: `the ${word} crossed the road` }));
        const hits = await store.searchMessages(s.id, word, 10);
        assert.equal(hits.length, 1);
        assert.equal(hits[0].message.conversationId, conv.id);
        assert.ok(hits[0].snippet.includes(word));
        assert.notEqual(hits[0].snippet, hits[0].message.text, 'the match is marked');
        const other = await site();
        assert.deepEqual(await store.searchMessages(other.id, word, 10), []);
        for (const q of ['', '   ', '"', 'a OR', 'NEAR(', '*', "it's-broken:now", '()']) await store.searchMessages(s.id, q, 10);
        assert.equal((await store.searchMessages(s.id, 'invoices"', 10)).length, 1, 'a stray quote is plain text');
        assert.equal((await store.searchMessages(s.id, '-invoices', 10)).length, 1, 'a minus is not an operator');
      });

      it('the inbox q finds conversations by the visitor’s name, email or id, without case, on the staff’s site only', async () => {
        const s = await site();
        const me = await staff(s.id);
        const tag = uid();
        const person = { name: `Ada Heron${tag}`, email: `ada.h${tag}@Example.com`, label: 'Blue Otter', context: {} };
        const heron = await store.createVisitor({ siteId: s.id, ...person, at: tick() });
        const named = (await store.appendMessage(msg(heron, { text: 'my order is late' }))).conversation.id;
        const mentioned = (await store.appendMessage(msg(await visitor(s.id), { text: `ask Heron${tag} about it` }))).conversation.id;
        await store.appendMessage(msg(await visitor(s.id), { text: 'nothing to see' }));
        const page = async (q: string, siteId = s.id, limit = 50, cursor?: string) => store.listInbox({ siteId, staffId: me.id, limit, q, cursor });
        const ids = async (q: string, siteId = s.id) => (await page(q, siteId)).items.map((r) => r.conversation.id);
        // Newest activity first, as without q: the message that mentions the name came later.
        assert.deepEqual(await ids(`heron${tag}`), [mentioned, named], 'the name, and message text as before');
        assert.deepEqual(await ids(`HERON${tag.toUpperCase()}`), [mentioned, named], 'without case');
        assert.deepEqual(await ids(`Ada Heron${tag}`), [named], 'every word: "Ada" is only in the name');
        assert.deepEqual(await ids(`ada.h${tag}@example.com`), [named], 'the whole address');
        assert.deepEqual(await ids(`ada.h${tag.slice(0, 6)}`), [named], 'the address as it is typed');
        assert.deepEqual(await ids(named), [named], 'a pasted conversation id');
        assert.deepEqual(await ids(` ${heron.id} `), [named], 'a pasted visitor id');
        assert.deepEqual(await ids('my order is late'), [named], 'message text unchanged');
        const first = await page(`heron${tag}`, s.id, 1);
        assert.deepEqual(first.items.map((r) => r.conversation.id), [mentioned]);
        assert.deepEqual((await page(`heron${tag}`, s.id, 1, first.nextCursor!)).items.map((r) => r.conversation.id), [named], 'pages like the inbox');
        await store.updateVisitor(heron.id, { name: `Ada Crane${tag}` });
        assert.deepEqual(await ids(`crane${tag}`), [named], 'a new name is found');
        assert.deepEqual(await ids(`Ada Heron${tag}`), [], 'the old name is not');
        // The same person on another site: neither site sees the other's visitor or conversation.
        const other = await site();
        const twinVisitor = await store.createVisitor({ siteId: other.id, ...person, at: tick() });
        const theirs = (await store.appendMessage(msg(twinVisitor, { text: 'hello' }))).conversation.id;
        assert.deepEqual(await ids(`ada.h${tag}@example.com`), [named]);
        assert.deepEqual(await ids(`ada.h${tag}@example.com`, other.id), [theirs]);
        assert.deepEqual(await ids(named, other.id), [], 'another site’s conversation id');
        assert.deepEqual(await ids(heron.id, other.id), [], 'another site’s visitor id');
      });
    });

    describe('attachments', () => {
      it('stores records, binds them to the message that carries them, drops them when it is deleted', async () => {
        const { s, agent, v, conv } = await world();
        const id = `att_${uid()}`;
        const rec = { id, siteId: s.id, conversationId: null, uploader: asVisitor(v), name: 'a.png', size: 10, type: 'image/png', url: `/api/v1/attachments/${id}`, storagePath: `uploads/${id}`, createdAt: tick() };
        await store.createAttachment(rec);
        const got = await store.getAttachment(id);
        assert.equal(got?.name, 'a.png');
        assert.equal(got?.storagePath, `uploads/${id}`);
        assert.deepEqual(got?.uploader, asVisitor(v));
        const r = await store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: [id] }));
        assert.deepEqual(r.message.attachments, [{ id, name: 'a.png', size: 10, type: 'image/png', url: rec.url }]);
        assert.equal((await store.getAttachment(id))?.conversationId, conv.id);
        await assert.rejects(store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: [id] })), { code: 'conflict' });
        const foreign = await site();
        const fid = `att_${uid()}`;
        await store.createAttachment({ ...rec, id: fid, siteId: foreign.id });
        await assert.rejects(store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: [fid] })), { code: 'not_found' });
        await store.deleteMessage({ conversationId: conv.id, messageId: r.message.id, by: asStaff(agent), at: tick() });
        assert.equal(await store.getAttachment(id), null);
        assert.deepEqual((await store.history(conv.id, { limit: 10, includeNotes: true })).messages.at(-1)?.attachments, []);
        assert.equal(await store.getAttachment('att_nope'), null);
      });

      it('deleteUnsentAttachments removes only old uploads that were never sent, each once', async () => {
        const { s, v, conv } = await world();
        const rec = (id: string, createdAt: number) => ({
          id, siteId: s.id, conversationId: null, uploader: asVisitor(v), name: 'a.png', size: 10, type: 'image/png',
          url: `/api/v1/attachments/${id}`, storagePath: `attachments/${s.id}/${id}`, createdAt,
        });
        const [oldSent, oldUnsent, newUnsent] = [`att_${uid()}`, `att_${uid()}`, `att_${uid()}`];
        await store.createAttachment(rec(oldSent, 1_000));
        await store.createAttachment(rec(oldUnsent, 1_000));
        await store.createAttachment(rec(newUnsent, 5_000));
        await store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: [oldSent] }));
        const swept = await store.deleteUnsentAttachments(2_000, 100);
        // Other tests' rows may be old and unsent too (shared store): look at this test's rows only.
        const mine = swept.filter((a) => [oldSent, oldUnsent, newUnsent].includes(a.id));
        assert.deepEqual(mine, [{ id: oldUnsent, storagePath: `attachments/${s.id}/${oldUnsent}` }]);
        assert.equal(await store.getAttachment(oldUnsent), null);
        assert.equal((await store.getAttachment(oldSent))?.id, oldSent, 'a sent attachment stays');
        assert.equal((await store.getAttachment(newUnsent))?.id, newUnsent, 'a recent upload stays');
        assert.deepEqual((await store.deleteUnsentAttachments(2_000, 100)).filter((a) => a.id === oldUnsent), [], 'gone once');
      });

      it('uploadUsage counts a visitor\'s and a site\'s unsent uploads and those since a time, not staff uploads', async () => {
        const { s, agent, v, conv } = await world();
        const other = await store.createVisitor({ siteId: s.id, label: 'Other', context: {}, at: tick() });
        const rec = (id: string, uploader: Actor, size: number, createdAt: number) => ({
          id, siteId: s.id, conversationId: null, uploader, name: 'a.png', size, type: 'image/png',
          url: `/api/v1/attachments/${id}`, storagePath: `attachments/${s.id}/${id}`, createdAt,
        });
        const [oldSent, oldUnsent, fresh, theirs, staffs] = [1, 2, 3, 4, 5].map(() => `att_${uid()}`);
        await store.createAttachment(rec(oldSent, asVisitor(v), 100, 1_000));
        await store.createAttachment(rec(oldUnsent, asVisitor(v), 20, 1_000));
        await store.createAttachment(rec(fresh, asVisitor(v), 3, 5_000));
        await store.createAttachment(rec(theirs, asVisitor(other), 7, 6_000));
        await store.createAttachment(rec(staffs, asStaff(agent), 1_000, 6_000));
        await store.appendMessage(msg(v, { conversationId: conv.id, attachmentIds: [oldSent] }));
        assert.deepEqual(await store.uploadUsage(s.id, v.id, 2_000), { pending: { count: 2, bytes: 23 }, recent: { count: 1, bytes: 3 } });
        assert.deepEqual(await store.uploadUsage(s.id, v.id, 0), { pending: { count: 2, bytes: 23 }, recent: { count: 3, bytes: 123 } });
        assert.deepEqual(await store.uploadUsage(s.id, null, 2_000), { pending: { count: 3, bytes: 30 }, recent: { count: 2, bytes: 10 } });
        assert.deepEqual(await store.uploadUsage((await site()).id, null, 0), { pending: { count: 0, bytes: 0 }, recent: { count: 0, bytes: 0 } });
      });
    });

    describe('blocks', () => {
      it('adds, finds by visitor or address on its site only, lists, removes; a visitor\'s latest address is kept', async () => {
        const { s, v } = await world();
        const other = await site();
        const at = tick();
        const b1 = await store.addBlock({ siteId: s.id, kind: 'visitor', value: v.id, createdBy: 'stf_x', createdAt: at });
        assert.match(b1.id, /^blk_/);
        assert.deepEqual(await store.addBlock({ siteId: s.id, kind: 'visitor', value: v.id, createdBy: 'stf_y', createdAt: at + 1 }), b1, 'blocking twice keeps the first');
        const b2 = await store.addBlock({ siteId: s.id, kind: 'ip', value: '203.0.113.9', createdBy: 'stf_x', createdAt: at + 2 });
        assert.deepEqual(await store.findBlock(s.id, { visitorId: v.id }), b1);
        assert.deepEqual(await store.findBlock(s.id, { visitorId: 'vis_other', ip: '203.0.113.9' }), b2);
        assert.equal(await store.findBlock(other.id, { visitorId: v.id, ip: '203.0.113.9' }), null, 'per site');
        assert.equal(await store.findBlock(s.id, {}), null);
        assert.deepEqual(await store.listBlocks(s.id), [b2, b1]);
        assert.equal(await store.removeBlock(other.id, b1.id), false);
        assert.equal(await store.removeBlock(s.id, b1.id), true);
        assert.equal(await store.findBlock(s.id, { visitorId: v.id }), null);
        assert.equal(await store.visitorAddress(v.id), null);
        await store.recordVisitorAddress(v.id, '198.51.100.1', tick());
        await store.recordVisitorAddress(v.id, '198.51.100.2', tick());
        assert.equal(await store.visitorAddress(v.id), '198.51.100.2');
      });
    });

    describe('team', () => {
      it('updates role, name, password and deactivation; removes a member with their sessions', async () => {
        const s = await site();
        await staff(s.id, 'admin'); // the site keeps an admin when m, made one, goes (admins.suite.ts)
        const m = await staff(s.id);
        assert.equal(m.deactivatedAt, null);
        const u = (await store.updateStaff(m.id, { role: 'admin', name: 'Renamed', passwordHash: 'h2', deactivatedAt: 5_000 })) as StaffRecord;
        assert.deepEqual([u?.role, u?.name, u?.passwordHash, u?.deactivatedAt], ['admin', 'Renamed', 'h2', 5_000]);
        assert.deepEqual(await store.getStaff(m.id), u);
        assert.equal(((await store.updateStaff(m.id, { deactivatedAt: null })) as StaffRecord).deactivatedAt, null, 'reactivated');
        assert.equal((await store.getStaff(m.id))?.name, 'Renamed', 'fields not named are kept');
        assert.equal(await store.updateStaff('stf_nobody', { name: 'x' }), null);
        await store.createStaffSession({ id: `ses_${uid()}`, staffId: m.id, expiresAt: Date.now() + 60_000 });
        assert.equal(await store.deleteStaff(m.id), 'removed');
        assert.equal(await store.getStaff(m.id), null);
        assert.equal(await store.deleteStaff(m.id), 'absent');
      });

      it('revokes every live session of a member but the one kept', async () => {
        const s = await site();
        const m = await staff(s.id);
        const other = await staff(s.id);
        const ids = [`ses_${uid()}`, `ses_${uid()}`, `ses_${uid()}`];
        for (const id of ids) await store.createStaffSession({ id, staffId: m.id, expiresAt: Date.now() + 60_000 });
        const theirs = `ses_${uid()}`;
        await store.createStaffSession({ id: theirs, staffId: other.id, expiresAt: Date.now() + 60_000 });
        assert.equal(await store.revokeStaffSessions(m.id, ids[0]), 2);
        assert.ok(await store.getStaffSession(ids[0], Date.now()), 'the kept one lives');
        assert.equal(await store.getStaffSession(ids[1], Date.now()), null);
        assert.ok(await store.getStaffSession(theirs, Date.now()), 'another member is untouched');
        assert.equal(await store.revokeStaffSessions(m.id), 1);
        assert.equal(await store.getStaffSession(ids[0], Date.now()), null);
      });

      it('one password per email across sites; the oldest admin is the first one made', async () => {
        const email = `${uid()}@Example.com`;
        const [a, b] = [await site(), await site()];
        const m1 = await store.createStaff({ siteId: a.id, email, name: 'One', role: 'agent', passwordHash: 'h1' });
        const m2 = await store.createStaff({ siteId: b.id, email: email.toLowerCase(), name: 'One', role: 'admin', passwordHash: 'h1' });
        assert.equal(await store.setPasswordHashForEmail(email.toUpperCase(), 'h2'), 2);
        assert.deepEqual([(await store.getStaff(m1.id))?.passwordHash, (await store.getStaff(m2.id))?.passwordHash], ['h2', 'h2']);
      });

      it('server owners: the first admin made becomes one; owners are added and removed, never the last', async () => {
        const s = await site();
        await store.createStaff({ siteId: s.id, email: `${uid()}@example.com`, name: 'Admin', role: 'admin', passwordHash: 'h' });
        const before = await store.listServerOwners();
        assert.ok(before.length >= 1, 'an admin exists, so an owner does');
        const later = `${uid()}@Example.com`;
        await store.createStaff({ siteId: s.id, email: later, name: 'Later', role: 'admin', passwordHash: 'h' });
        assert.deepEqual(await store.listServerOwners(), before, 'a later admin is not made an owner');
        assert.equal(await store.addServerOwner(later, 5), true);
        assert.equal(await store.addServerOwner(later.toUpperCase(), 6), false, 'once, whatever the case');
        assert.ok((await store.listServerOwners()).includes(later.toLowerCase()));
        for (const e of before) assert.equal(await store.removeServerOwner(e), 'removed');
        assert.deepEqual(await store.listServerOwners(), [later.toLowerCase()]);
        assert.equal(await store.removeServerOwner(later), 'last', 'the last owner stays');
        assert.equal(await store.removeServerOwner('nobody@example.com'), 'absent');
        const other = `${uid()}@example.com`;
        await store.addServerOwner(other, 7);
        // Two owners removing each other at once: one of them stays.
        const both = await Promise.all([store.removeServerOwner(later), store.removeServerOwner(other)]);
        assert.deepEqual([...both].sort(), ['last', 'removed']);
        assert.equal((await store.listServerOwners()).length, 1);
        // Put the earlier ones back for the rest of the suite.
        for (const e of before) await store.addServerOwner(e, 1);
      });

      it('password links: one live per member, found until used or expired, used once', async () => {
        const s = await site();
        const m = await staff(s.id);
        await store.createPasswordToken({ tokenHash: `old${uid()}`, staffId: m.id, purpose: 'invite', expiresAt: 10_000, at: 1 });
        const hash = `h${uid()}`;
        await store.createPasswordToken({ tokenHash: hash, staffId: m.id, purpose: 'reset', expiresAt: 10_000, at: 2 });
        assert.deepEqual(await store.findPasswordToken(hash, 5_000, false), { staffId: m.id, purpose: 'reset' });
        assert.equal(await store.findPasswordToken(hash, 10_000, false), null, 'expired');
        const both = await Promise.all([store.findPasswordToken(hash, 5_000, true), store.findPasswordToken(hash, 5_000, true)]);
        assert.equal(both.filter(Boolean).length, 1, 'used exactly once');
        assert.equal(await store.findPasswordToken(hash, 5_000, false), null);
      });
    });

    describe('widget sightings', () => {
      it('keeps the latest time per origin, newest first, per site', async () => {
        const a = await site();
        const b = await site();
        await store.recordWidgetSighting(a.id, 'https://shop.example', 1_000);
        await store.recordWidgetSighting(a.id, 'https://blog.example', 2_000);
        await store.recordWidgetSighting(a.id, 'https://shop.example', 3_000);
        await store.recordWidgetSighting(a.id, 'https://shop.example', 2_500); // a late writer never moves it back
        assert.deepEqual(await store.listWidgetSightings(a.id, 10), [
          { origin: 'https://shop.example', lastSeenAt: 3_000 },
          { origin: 'https://blog.example', lastSeenAt: 2_000 },
        ]);
        assert.deepEqual(await store.listWidgetSightings(a.id, 1), [{ origin: 'https://shop.example', lastSeenAt: 3_000 }]);
        assert.deepEqual(await store.listWidgetSightings(b.id, 10), [], 'another site saw nothing');
      });
    });

    describe('canned responses', () => {
      it('creates and lists per site; a shortcut is unique per site', async () => {
        const a = await site();
        const b = await site();
        const c = await store.createCanned({ siteId: a.id, shortcut: 'hi', text: 'Hello! How can I help?' });
        assert.match(c.id, /^cnd_/);
        await store.createCanned({ siteId: b.id, shortcut: 'hi', text: 'Other' });
        assert.deepEqual(await store.listCanned(a.id), [c]);
        await assert.rejects(store.createCanned({ siteId: a.id, shortcut: 'hi', text: 'again' }), { code: 'conflict' });
      });

      it('deletes one response of its own site only', async () => {
        const a = await site();
        const b = await site();
        const c = await store.createCanned({ siteId: a.id, shortcut: 'bye', text: 'Goodbye!' });
        assert.equal(await store.deleteCanned(b.id, c.id), false, 'another site cannot delete it');
        assert.deepEqual(await store.listCanned(a.id), [c]);
        assert.equal(await store.deleteCanned(a.id, c.id), true);
        assert.deepEqual(await store.listCanned(a.id), []);
        assert.equal(await store.deleteCanned(a.id, c.id), false, 'twice: nothing left');
        await store.createCanned({ siteId: a.id, shortcut: 'bye', text: 'The shortcut is free again' });
      });
    });

    emailStoreSuite(() => store);
    apiTokenStoreSuite(() => store);
    webhookStoreSuite(() => store);
    privacyStoreSuite(() => store);
    erasureRequestStoreSuite(() => store);
    notificationStoreSuite(() => store);
    lifecycleStoreSuite(() => store);
    assignmentStoreSuite(() => store);
    teamStoreSuite(() => store);
    adminStoreSuite(() => store, () => twin);
  });
}
