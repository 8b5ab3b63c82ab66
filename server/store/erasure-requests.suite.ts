import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from './store.ts';

/** The erasure-request part of the Store contract (erasure-request-records.ts), run by storeSuite on every implementation. */
export function erasureRequestStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
  const visitor = (siteId: string, at = 1) => getStore().createVisitor({ siteId, label: `Visitor ${uid()}`, context: {}, at });
  const ask = (siteId: string, visitorId: string, at: number, maxPendingPerSite = 100) => getStore().requestErasure({ id: `era_${uid()}`, siteId, visitorId, at, maxPendingPerSite });
  const made = async (siteId: string, visitorId: string, at: number) => {
    const r = await ask(siteId, visitorId, at);
    assert.ok('request' in r && r.created, 'a new request');
    return r.request;
  };

  describe('erasure requests', () => {
    it('one pending request per visitor: asking again answers it; the latest is what the visitor sees', async () => {
      const store = getStore();
      const s = await site();
      const v = await visitor(s.id);
      assert.equal(await store.latestErasureRequest(s.id, v.id), null);
      const first = await made(s.id, v.id, 10);
      assert.deepEqual(first, { id: first.id, status: 'pending', requestedAt: 10, decidedAt: null });
      assert.deepEqual(await ask(s.id, v.id, 20), { request: first, created: false });
      assert.deepEqual(await store.latestErasureRequest(s.id, v.id), first);
      assert.equal(await store.countPendingErasureRequests(s.id), 1);
      // Two at once still make one (the store decides, not the caller's earlier read).
      const w = await visitor(s.id);
      const both = await Promise.all([ask(s.id, w.id, 30), ask(s.id, w.id, 30)]);
      const ids = both.map((r) => ('request' in r ? r.request.id : 'refused'));
      assert.equal(ids[0], ids[1]);
      assert.deepEqual(both.map((r) => 'created' in r && r.created).sort(), [false, true]);
      assert.equal(await store.countPendingErasureRequests(s.id), 2);
    });

    it('stores the webhook deliveries with a new request, in its transaction, and none for an answered pending one or a refused one', async () => {
      const store = getStore();
      const s = await site();
      const hook = await store.createWebhook({ siteId: s.id, url: 'https://crm.example/h', description: '', events: ['erasure.requested'], includeNotes: false, secret: 'whsec_x', at: 1 });
      const v = await visitor(s.id);
      const delivery = (id: string) => ({ endpointId: hook.id, siteId: s.id, kind: 'erasure.requested', eventCursor: null, body: JSON.stringify({ requestId: id }), dedupeKey: `${hook.id}:erasure:${id}`, at: 2 });
      const input = (id: string, visitorId: string, maxPendingPerSite = 100) => ({ id, siteId: s.id, visitorId, at: 2, maxPendingPerSite, deliveries: [delivery(id)] });
      const id = `era_${uid()}`;
      const made = await store.requestErasure(input(id, v.id));
      assert.ok('request' in made && made.request.id === id && made.created);
      assert.ok('request' in (await store.requestErasure(input(`era_${uid()}`, v.id))), 'answered: the pending one');
      assert.deepEqual(await store.requestErasure(input(`era_${uid()}`, (await visitor(s.id)).id, 1)), { refused: 'full' });
      const log = await store.listDeliveries({ siteId: s.id, endpointId: hook.id, limit: 10 });
      assert.deepEqual(log.map((d) => [d.kind, JSON.parse(d.body).requestId]), [['erasure.requested', id]]);
    });

    it("a visitor of another site, or one that does not exist, is refused; another site's request is not found", async () => {
      const store = getStore();
      const [a, b] = [await site(), await site()];
      const v = await visitor(a.id);
      assert.deepEqual(await ask(b.id, v.id, 1), { refused: 'unknown' });
      assert.deepEqual(await ask(a.id, `vis_${uid()}`, 1), { refused: 'unknown' });
      const r = await made(a.id, v.id, 2);
      assert.equal(await store.getErasureRequest(b.id, r.id), null);
      assert.equal(await store.latestErasureRequest(b.id, v.id), null);
      assert.equal(await store.declineErasureRequest({ siteId: b.id, id: r.id, by: 'stf_x', at: 3 }), null);
      assert.equal((await store.getErasureRequest(a.id, r.id))?.status, 'pending');
    });

    it('a site takes at most maxPendingPerSite pending requests; a decided one makes room', async () => {
      const store = getStore();
      const s = await site();
      const [v1, v2, v3] = [await visitor(s.id), await visitor(s.id), await visitor(s.id)];
      const r1 = await made(s.id, v1.id, 1);
      assert.ok('request' in (await ask(s.id, v2.id, 2, 2)));
      assert.deepEqual(await ask(s.id, v3.id, 3, 2), { refused: 'full' });
      assert.ok('request' in (await ask(s.id, v1.id, 4, 2)), 'the pending one is still answered when full');
      await store.declineErasureRequest({ siteId: s.id, id: r1.id, by: 'stf_a', at: 5 });
      assert.ok('request' in (await ask(s.id, v3.id, 6, 2)));
    });

    it('lists pending oldest first and decided newest first, with the visitor now and their conversations (merged records included)', async () => {
      const store = getStore();
      const s = await site();
      const anon = await visitor(s.id, 1);
      const known = await store.createVisitor({ siteId: s.id, externalId: `u-${uid()}`, name: 'Ada', email: 'ada@example.com', label: 'L', context: {}, at: 2 });
      await store.appendMessage({ siteId: s.id, visitorId: anon.id, clientId: uid(), author: { kind: 'visitor', id: anon.id }, text: 'one', attachmentIds: [], note: false, at: 3 });
      await store.mergeVisitor(anon.id, known.id, 4);
      await store.appendMessage({ siteId: s.id, visitorId: known.id, clientId: uid(), author: { kind: 'visitor', id: known.id }, text: 'two', attachmentIds: [], note: false, at: 5, newConversation: true });
      const quiet = await visitor(s.id, 6);
      const rq = await made(s.id, quiet.id, 20);
      const rk = await made(s.id, known.id, 10);
      const pending = await store.listErasureRequests(s.id, 'pending', 10);
      assert.deepEqual(pending.map((r) => r.id), [rk.id, rq.id], 'oldest first');
      assert.deepEqual(pending[0], { ...rk, visitorId: known.id, decidedBy: null, visitor: { label: 'L', name: 'Ada', email: 'ada@example.com', identified: true }, conversations: 2 });
      assert.equal(pending[1].conversations, 0);
      assert.equal((await store.listErasureRequests(s.id, 'pending', 1)).length, 1, 'at most limit');

      const d1 = await store.declineErasureRequest({ siteId: s.id, id: rq.id, by: 'stf_a', at: 30 });
      assert.deepEqual({ status: d1?.status, decidedAt: d1?.decidedAt, decidedBy: d1?.decidedBy }, { status: 'declined', decidedAt: 30, decidedBy: 'stf_a' });
      assert.equal(await store.declineErasureRequest({ siteId: s.id, id: rq.id, by: 'stf_b', at: 31 }), null, 'decided once');
      assert.equal((await store.getErasureRequest(s.id, rq.id))?.decidedBy, 'stf_a');
      assert.deepEqual((await store.listErasureRequests(s.id, 'pending', 10)).map((r) => r.id), [rk.id]);
      assert.deepEqual((await store.latestErasureRequest(s.id, quiet.id))?.status, 'declined');
      const again = await made(s.id, quiet.id, 40);
      assert.equal((await store.latestErasureRequest(s.id, quiet.id))?.id, again.id, 'the latest is the new one');
    });

    it('a pending request follows an anonymous visitor who signs in (merged), and one of the identified visitor stands for both', async () => {
      const store = getStore();
      const s = await site();
      const anon = await visitor(s.id);
      const known = await store.createVisitor({ siteId: s.id, externalId: `u-${uid()}`, label: 'K', context: {}, at: 2 });
      const r = await made(s.id, anon.id, 3);
      await store.mergeVisitor(anon.id, known.id, 4);
      assert.equal((await store.latestErasureRequest(s.id, known.id))?.id, r.id, 'the identified visitor has it');
      assert.equal((await store.getErasureRequest(s.id, r.id))?.visitorId, known.id);
      const other = await visitor(s.id);
      const mine = await made(s.id, other.id, 5);
      const known2 = await store.createVisitor({ siteId: s.id, externalId: `u-${uid()}`, label: 'K2', context: {}, at: 6 });
      const theirs = await made(s.id, known2.id, 7);
      await store.mergeVisitor(other.id, known2.id, 8);
      assert.equal((await store.latestErasureRequest(s.id, known2.id))?.id, theirs.id);
      assert.equal(await store.getErasureRequest(s.id, mine.id), null, 'one pending request per person');
      assert.equal(await store.countPendingErasureRequests(s.id), 2);
    });

    it("an erasure carries out the visitor's pending request in its own transaction, by whoever erased; the request outlives the visitor", async () => {
      const store = getStore();
      const s = await site();
      const v = await visitor(s.id);
      const keep = await visitor(s.id);
      await store.appendMessage({ siteId: s.id, visitorId: v.id, clientId: uid(), author: { kind: 'visitor', id: v.id }, text: 'bye', attachmentIds: [], note: false, at: 2 });
      const r = await made(s.id, v.id, 3);
      const k = await made(s.id, keep.id, 4);
      const done = await store.eraseVisitor({ siteId: s.id, visitorId: v.id, tombstone: false, at: 50, by: 'stf_admin' });
      assert.equal(done.visitorErased, true);
      const after = await store.getErasureRequest(s.id, r.id);
      assert.deepEqual(after, { ...r, status: 'confirmed', decidedAt: 50, decidedBy: 'stf_admin', visitorId: v.id, visitor: null, conversations: 0 });
      assert.equal((await store.getErasureRequest(s.id, k.id))?.status, 'pending', "another visitor's request stays");
      assert.equal(await store.countPendingErasureRequests(s.id), 1);
      assert.deepEqual((await store.listErasureRequests(s.id, 'confirmed', 10)).map((x) => x.id), [r.id]);
    });
  });
}
