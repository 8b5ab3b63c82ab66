import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { DurableEvent } from '../../protocol/index.ts';
import type { Store } from './store.ts';
import { collectExport } from '../domain/privacy-export.ts';
import type { Principal } from '../domain/principal.ts';

/** The privacy part of the Store contract (privacy-records.ts), run by storeSuite on every implementation. */
/**
 * A person with everything Parley may hold about them, each piece carrying `marker`: two visitor records
 * (one merged into the other), a conversation with messages, a note, a file, a rating comment, an email
 * and a webhook delivery, and a resolved snapshot in the event log. Returns what the tests look for.
 */
export async function seedPerson(store: Store, marker: string) {
  const uid = () => randomBytes(6).toString('hex');
  const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
  const agent = await store.createStaff({ siteId: s.id, email: `a-${uid()}@x.io`, name: 'Ben', role: 'admin', passwordHash: 'x' });
  const mail = `${marker}@example.com`;
  const anon = await store.createVisitor({ siteId: s.id, label: 'Blue Otter', context: { url: `https://shop.example/${marker}` }, at: 1 });
  const person = await store.createVisitor({ siteId: s.id, externalId: `u-${marker}`, name: `Name ${marker}`, email: mail, label: 'L', context: { attributes: { note: marker } }, at: 2 });
  const other = await store.createVisitor({ siteId: s.id, label: 'Someone else', context: {}, at: 3 });
  await store.recordVisitorAddress(person.id, '198.51.100.23', 4);
  const first = await store.appendMessage({ siteId: s.id, visitorId: anon.id, clientId: uid(), author: { kind: 'visitor', id: anon.id }, text: `My order ${marker}`, attachmentIds: [], note: false, at: 10 });
  const conv = first.conversation.id;
  await store.mergeVisitor(anon.id, person.id, 11);
  const att = `att_${uid()}`;
  await store.createAttachment({ id: att, siteId: s.id, conversationId: null, uploader: { kind: 'visitor', id: person.id }, name: `${marker}.pdf`, size: 3, type: 'application/pdf', url: `/api/v1/attachments/${att}`, storagePath: `attachments/${s.id}/${att}`, createdAt: 12 });
  await store.appendMessage({ siteId: s.id, conversationId: conv, visitorId: person.id, clientId: uid(), author: { kind: 'visitor', id: person.id }, authorName: `Name ${marker}`, text: `Receipt ${marker}`, attachmentIds: [att], note: false, at: 13 });
  const staff = (text: string, note: boolean) =>
    store.appendMessage({ siteId: s.id, conversationId: conv, visitorId: person.id, clientId: uid(), author: { kind: 'staff', id: agent.id }, authorName: 'Ben', text, attachmentIds: [], note, at: 14 });
  await staff(`Reply about ${marker}`, false);
  await staff(`Note about ${marker}`, true);
  await store.updateConversation({ conversationId: conv, changes: { status: 'resolved', assigneeId: agent.id }, by: { kind: 'staff', id: agent.id }, at: 15 });
  await store.rateConversation({ conversationId: conv, score: 4, comment: `Comment ${marker}`, by: { kind: 'visitor', id: person.id }, at: 16, changeableMs: 1000 });
  await store.enqueueEmails([{ siteId: s.id, conversationId: conv, kind: 'transcript', dedupeKey: `k-${uid()}`, to: mail, subject: `Transcript ${marker}`, text: marker, html: marker, headers: {}, at: 17 }]);
  const hook = await store.createWebhook({ siteId: s.id, url: 'https://crm.example/h', description: 'CRM', events: ['message.created'], includeNotes: false, secret: 'whsec_x', at: 18 });
  await store.enqueueDeliveries([{ endpointId: hook.id, siteId: s.id, kind: 'message.created', eventCursor: 1, body: JSON.stringify({ conversationId: conv, text: marker }), dedupeKey: `d-${uid()}`, at: 19 }]);
  const kept = await store.appendMessage({ siteId: s.id, visitorId: other.id, clientId: uid(), author: { kind: 'visitor', id: other.id }, text: 'Not part of it', attachmentIds: [], note: false, at: 20 });
  return { s, agent, anon, person, other, conv, att, mail, kept };
}

export function privacyStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });

  describe('privacy', () => {
    it('finds every visitor record of a person by email, without case, on their site only', async () => {
      const store = getStore();
      const [a, b] = [await site(), await site()];
      const mail = `ada-${uid()}@example.com`;
      const anon = await store.createVisitor({ siteId: a.id, label: 'Blue Otter', email: mail.toUpperCase(), context: {}, at: 1 });
      const known = await store.createVisitor({ siteId: a.id, externalId: `u-${uid()}`, name: 'Ada', email: mail, emailVerified: true, label: 'L', context: {}, at: 2 });
      await store.createVisitor({ siteId: a.id, label: 'Someone else', email: `other-${uid()}@example.com`, context: {}, at: 3 });
      await store.createVisitor({ siteId: b.id, label: 'Same address, other site', email: mail, context: {}, at: 4 });
      assert.deepEqual((await store.findVisitorsByEmail(a.id, ` ${mail.replace('ada', 'ADA')} `)).map((v) => v.id), [anon.id, known.id]);
      assert.deepEqual(await store.findVisitorsByEmail(a.id, `nobody-${uid()}@example.com`), []);
    });

    it('an export holds everything about the seeded person: visitor records, address, conversations, every message (notes too), rating, attachments', async () => {
      const store = getStore();
      const s = await site();
      const agent = await store.createStaff({ siteId: s.id, email: `a-${uid()}@x.io`, name: 'Ben', role: 'admin', passwordHash: 'x' });
      const admin: Principal = { kind: 'staff', siteId: s.id, staffId: agent.id, role: 'admin', sessionId: 'ses' };
      const mail = `grace-${uid()}@example.com`;
      const anon = await store.createVisitor({ siteId: s.id, label: 'Blue Otter', email: mail, context: { url: 'https://shop.example/cart' }, at: 1 });
      const known = await store.createVisitor({ siteId: s.id, externalId: `u-${uid()}`, name: 'Grace', email: mail, label: 'L', context: { attributes: { plan: 'pro' } }, at: 2 });
      const stranger = await store.createVisitor({ siteId: s.id, label: 'Someone else', context: {}, at: 3 });
      await store.recordVisitorAddress(anon.id, '203.0.113.7', 4);
      const say = (v: typeof anon, text: string, over: Record<string, unknown> = {}) =>
        store.appendMessage({ siteId: s.id, visitorId: v.id, clientId: uid(), author: { kind: 'visitor', id: v.id }, text, attachmentIds: [], note: false, at: 10, ...over });
      const first = await say(anon, 'Where is my order 4411?');
      const att = `att_${uid()}`;
      await store.createAttachment({ id: att, siteId: s.id, conversationId: null, uploader: { kind: 'visitor', id: anon.id }, name: 'receipt.pdf', size: 3, type: 'application/pdf', url: `/api/v1/attachments/${att}`, storagePath: `attachments/${s.id}/${att}`, createdAt: 11 });
      await say(anon, 'Here is the receipt', { conversationId: first.conversation.id, attachmentIds: [att] });
      const staffSays = (text: string, note: boolean) =>
        store.appendMessage({ siteId: s.id, conversationId: first.conversation.id, visitorId: anon.id, clientId: uid(), author: { kind: 'staff', id: agent.id }, authorName: 'Ben', text, attachmentIds: [], note, at: 12 });
      await staffSays('It ships tomorrow', false);
      await staffSays('Customer was upset', true);
      await store.updateConversation({ conversationId: first.conversation.id, changes: { status: 'resolved' }, by: { kind: 'staff', id: agent.id }, at: 13 });
      await store.rateConversation({ conversationId: first.conversation.id, score: 5, comment: 'Quick!', by: { kind: 'visitor', id: anon.id }, at: 14, changeableMs: 1000 });
      await say(known, 'A question as a signed-in customer');
      await say(stranger, 'Not part of it');

      const { data, files } = await collectExport(store, admin, { email: mail.toUpperCase() }, 99);
      assert.deepEqual([data.format, data.version, data.exportedAt, data.site.id], ['parley.visitor-export', 1, 99, s.id]);
      assert.deepEqual(data.visitors.map((v) => v.visitor.id), [anon.id, known.id], 'both records of the person, nobody else');
      const [a, k] = data.visitors;
      assert.equal(a.lastAddress, '203.0.113.7');
      assert.deepEqual(a.visitor.context, { url: 'https://shop.example/cart' });
      assert.deepEqual(a.conversations[0].messages.map((m) => [m.text, !!m.note]), [
        ['Where is my order 4411?', false], ['Here is the receipt', false], ['It ships tomorrow', false], ['Customer was upset', true],
      ]);
      assert.equal(a.conversations[0].conversation.rating?.score, 5);
      assert.equal(a.conversations[0].conversation.rating?.comment, 'Quick!');
      assert.ok(a.conversations[0].timeline.some((e) => e.kind === 'conversation.updated'), 'the status change');
      assert.ok(a.conversations[0].timeline.some((e) => e.kind === 'conversation.rated'), 'the rating');
      assert.deepEqual(k.conversations.map((c) => c.messages.map((m) => m.text)), [['A question as a signed-in customer']]);
      assert.deepEqual(data.attachments.map((x) => [x.id, x.name, x.file]), [[att, 'receipt.pdf', `attachments/${att}/receipt.pdf`]]);
      assert.deepEqual(files, [{ file: `attachments/${att}/receipt.pdf`, storagePath: `attachments/${s.id}/${att}` }]);
      assert.ok(!JSON.stringify(data).includes('Not part of it'));

      // The other lookups name the same records; another site's admin finds nobody.
      assert.deepEqual((await collectExport(store, admin, { userId: known.externalId! }, 99)).data.visitors.map((v) => v.visitor.id), [known.id]);
      assert.deepEqual((await collectExport(store, admin, { visitorId: anon.id }, 99)).data.visitors.map((v) => v.visitor.id), [anon.id]);
      const other = await site();
      await assert.rejects(collectExport(store, { ...admin, siteId: other.id }, { visitorId: anon.id }, 99), { code: 'not_found' });
      await assert.rejects(collectExport(store, admin, { visitorId: anon.id, email: mail }, 99), { code: 'bad_request' });
      await assert.rejects(collectExport(store, { ...admin, role: 'agent' }, { visitorId: anon.id }, 99), { code: 'forbidden' });
    });

    it('retention deletes exactly the conversations resolved more than retentionDays ago, each once even when two sweep at once', async () => {
      const store = getStore();
      const DAY = 86_400_000;
      const T0 = 1_700_000_000_000;
      const mk = async (retentionDays?: number) => {
        const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: retentionDays ? { retentionDays } : {} });
        const agent = await store.createStaff({ siteId: s.id, email: `a-${uid()}@x.io`, name: 'Ben', role: 'admin', passwordHash: 'x' });
        return { s, agent };
      };
      const [a, b, c] = [await mk(30), await mk(), await mk(1)];
      const conversation = async (w: { s: { id: string }; agent: { id: string } }, resolvedAt: number | null, reopenAt?: number) => {
        const v = await store.createVisitor({ siteId: w.s.id, label: 'L', context: {}, at: T0 - DAY });
        const m = await store.appendMessage({ siteId: w.s.id, visitorId: v.id, clientId: uid(), author: { kind: 'visitor', id: v.id }, text: 'hi', attachmentIds: [], note: false, at: T0 - DAY });
        if (resolvedAt !== null) await store.updateConversation({ conversationId: m.conversation.id, changes: { status: 'resolved' }, by: { kind: 'staff', id: w.agent.id }, at: resolvedAt });
        if (reopenAt !== undefined) await store.updateConversation({ conversationId: m.conversation.id, changes: { status: 'open' }, by: { kind: 'staff', id: w.agent.id }, at: reopenAt });
        return { id: m.conversation.id, visitorId: v.id };
      };
      const a1 = await conversation(a, T0);
      const a2 = await conversation(a, T0 + 10 * DAY);
      const aOpen = await conversation(a, null);
      const aReopened = await conversation(a, T0, T0 + DAY);
      const b1 = await conversation(b, T0);
      const c1 = await conversation(c, T0);
      const mine = (ids: { conversationId: string }[]) => ids.map((x) => x.conversationId).filter((id) => [a1, a2, aOpen, aReopened, b1, c1].some((k) => k.id === id)).sort();

      assert.deepEqual(mine((await store.deleteExpiredConversations(T0 + DAY - 1, 100)).map((g) => g.event)), [], 'nothing is due a moment early');
      // Two processes sweep at once: each due conversation goes once.
      const [x, y] = await Promise.all([store.deleteExpiredConversations(T0 + 30 * DAY, 100), store.deleteExpiredConversations(T0 + 30 * DAY, 100)]);
      const swept = [...x, ...y];
      assert.deepEqual(mine(swept.map((g) => g.event)), [a1.id, c1.id].sort());
      for (const g of swept.filter((g) => g.event.conversationId === a1.id)) {
        assert.equal(g.event.kind, 'conversation.erased');
        assert.equal(g.visitorId, a1.visitorId);
      }
      assert.equal(await store.getConversation(a1.id), null);
      assert.ok(await store.getVisitor(a1.visitorId), 'the visitor stays');
      assert.ok(await store.getConversation(a2.id));
      assert.deepEqual(mine((await store.deleteExpiredConversations(T0 + 40 * DAY, 100)).map((g) => g.event)), [a2.id]);
      assert.deepEqual(mine((await store.deleteExpiredConversations(T0 + 400 * DAY, 100)).map((g) => g.event)), [], 'open, reopened and sites without retention stay');
      for (const k of [aOpen, aReopened, b1]) assert.ok(await store.getConversation(k.id));
    });

    for (const tombstone of [false, true]) {
      it(`erasure ${tombstone ? 'with a tombstone' : 'deletes'}: nothing of the person stays, one conversation.erased per conversation, others untouched`, async () => {
        const store = getStore();
        const marker = `mk${uid()}`;
        const p = await seedPerson(store, marker);
        const before = await store.latestCursor(p.s.id);
        const inbox = async (q: string) => (await store.listInbox({ siteId: p.s.id, staffId: p.agent.id, limit: 50, q })).items.map((i) => i.conversation.id);
        assert.deepEqual(await inbox(p.mail), [p.conv], 'found by address before');
        assert.deepEqual(await inbox(`Name ${marker}`), [p.conv], 'found by name before');
        const r = await store.eraseVisitor({ siteId: p.s.id, visitorId: p.person.id, tombstone, at: 50 });
        assert.deepEqual([r.visitorErased, r.conversations, r.storagePaths], [true, 1, [`attachments/${p.s.id}/${p.att}`]]);
        assert.equal(r.events.length, 1);
        const [erased] = r.events as Extract<DurableEvent, { kind: 'conversation.erased' }>[];
        assert.deepEqual([erased.kind, erased.conversationId, erased.visitorId, erased.tombstone, erased.cursor], ['conversation.erased', p.conv, p.person.id, tombstone, before + 1]);
        // The staff log replays it (a dashboard that was offline learns it too), and nothing with the marker.
        const log = await store.eventsAfterCursor(p.s.id, 0, 1000);
        assert.deepEqual(log.filter((e) => e.conversationId === p.conv).map((e) => e.kind).slice(-1), ['conversation.erased']);
        assert.ok(!JSON.stringify(log).includes(marker), 'the event log holds no text of theirs');
        assert.equal(await store.getAttachment(p.att), null);
        assert.deepEqual(await store.searchMessages(p.s.id, marker, 10), []);
        assert.deepEqual(await inbox(p.mail), [], 'the inbox finds no conversation by their address');
        assert.deepEqual(await inbox(`Name ${marker}`), [], 'nor by their name');
        assert.deepEqual(await store.findVisitorsByEmail(p.s.id, p.mail), []);
        assert.equal(await store.findVisitorByExternalId(p.s.id, `u-${marker}`), null);
        assert.equal(await store.visitorAddress(p.person.id), null);
        assert.equal(await store.visitorAddress(p.anon.id), null);
        assert.ok(!JSON.stringify(await store.listOutbox({ siteId: p.s.id, limit: 100 })).includes(marker), 'no email copy');
        const conv = await store.getConversation(p.conv);
        if (tombstone) {
          assert.equal(conv?.status, 'resolved', 'the tombstone keeps what reports read');
          assert.equal(conv?.rating?.score, 4);
          assert.equal(conv?.rating?.comment, undefined);
          const msgs = (await store.history(p.conv, { limit: 50, includeNotes: true })).messages;
          assert.equal(msgs.length, 4);
          assert.ok(msgs.every((m) => m.text === '' && m.deleted && m.attachments.length === 0));
          assert.ok(!msgs.some((m) => m.author.id === p.person.id || m.author.id === p.anon.id), 'authored by the stand-in');
          const stand = await store.getVisitor(conv!.visitorId);
          assert.deepEqual([stand?.name, stand?.email, stand?.externalId, stand?.label, stand?.context], [undefined, undefined, undefined, 'Erased visitor', {}]);
          assert.notEqual(stand?.id, p.person.id);
        } else {
          assert.equal(conv, null);
        }
        // Either way the erased ids name nobody: a token of theirs is refused (server/http/auth-middleware.ts).
        assert.equal(await store.getVisitor(p.person.id), null);
        assert.equal(await store.getVisitor(p.anon.id), null, 'the record merged into it too');
        // Someone else's conversation is untouched; erasing again finds nobody.
        assert.deepEqual((await store.history(p.kept.conversation.id, { limit: 10, includeNotes: true })).messages.map((m) => m.text), ['Not part of it']);
        assert.equal((await store.searchMessages(p.s.id, 'Not part of it', 10)).length, 1);
        const again = await store.eraseVisitor({ siteId: p.s.id, visitorId: p.person.id, tombstone, at: 60 });
        assert.deepEqual([again.visitorErased, again.events], [false, []]);
      });
    }
  });
}
