import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from './store.ts';
import { collectExport } from '../domain/privacy-export.ts';
import type { Principal } from '../domain/principal.ts';

/** The privacy part of the Store contract (privacy-records.ts), run by storeSuite on every implementation. */
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
  });
}
