import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from './store.ts';
import type { NewDelivery } from './webhook-records.ts';

/** The webhook part of the Store contract (webhook-records.ts), run by storeSuite on every implementation. */
export function webhookStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
  const endpoint = (siteId: string) =>
    getStore().createWebhook({ siteId, url: 'https://crm.example/h', description: 'CRM', events: ['message.created'], includeNotes: false, secret: 'whsec_x', at: 1_000 });
  const delivery = (siteId: string, endpointId: string, over: Partial<NewDelivery> = {}): NewDelivery => ({
    endpointId, siteId, kind: 'message.created', eventCursor: 1, body: '{"type":"message.created"}', dedupeKey: `k-${uid()}`, at: 1_000, ...over,
  });

  describe('webhooks', () => {
    it('endpoints are per site: made, listed, changed, removed with their deliveries', async () => {
      const store = getStore();
      const [a, b] = [await site(), await site()];
      const w = await endpoint(a.id);
      assert.deepEqual(await store.listWebhooks(a.id), [w]);
      assert.deepEqual(await store.listWebhooks(b.id), []);
      assert.equal(await store.getWebhook(b.id, w.id), null, 'another site does not see it');
      const changed = await store.updateWebhook(a.id, w.id, { events: ['conversation.created', 'message.created'], includeNotes: true, status: 'failing' });
      assert.deepEqual([changed?.events, changed?.includeNotes, changed?.status], [['conversation.created', 'message.created'], true, 'failing']);
      assert.equal(await store.updateWebhook(b.id, w.id, { url: 'https://evil.example' }), null);
      await store.enqueueDeliveries([delivery(a.id, w.id)]);
      assert.equal(await store.deleteWebhook(b.id, w.id), false);
      assert.equal(await store.deleteWebhook(a.id, w.id), true);
      assert.deepEqual(await store.listDeliveries({ siteId: a.id, endpointId: w.id, limit: 10 }), []);
    });

    it('deliveries are made once per key, claimed with a lease, settled only by the owner, and resent', async () => {
      const store = getStore();
      const s = await site();
      const w = await endpoint(s.id);
      const first = delivery(s.id, w.id, { at: 5_000 });
      assert.equal(await store.enqueueDeliveries([first, { ...delivery(s.id, w.id), dedupeKey: first.dedupeKey }]), 1);
      assert.equal(await store.enqueueDeliveries([first]), 0, 'the same key again adds nothing');
      const mine = <T extends { endpointId: string }>(list: T[]) => list.filter((d) => d.endpointId === w.id);
      assert.deepEqual(mine(await store.claimDeliveries({ owner: 'p1', now: 4_999, leaseMs: 100, limit: 1000 })), [], 'not due yet');
      const [claimed] = mine(await store.claimDeliveries({ owner: 'p1', now: 5_000, leaseMs: 100, limit: 1000 }));
      assert.deepEqual([claimed.status, claimed.attempts, claimed.body], ['sending', 1, first.body]);
      assert.deepEqual(mine(await store.claimDeliveries({ owner: 'p2', now: 5_050, leaseMs: 100, limit: 1000 })), [], 'leased to p1');
      assert.equal(await store.settleDelivery({ id: claimed.id, owner: 'p2', outcome: { status: 'delivered', at: 5_060, httpStatus: 200 } }), false, 'not the owner');
      assert.equal(await store.settleDelivery({ id: claimed.id, owner: 'p1', outcome: { status: 'pending', retryAt: 6_000, httpStatus: 500, error: 'The receiver answered 500.' } }), true);
      let [d] = await store.listDeliveries({ siteId: s.id, endpointId: w.id, limit: 10 });
      assert.deepEqual([d.status, d.nextAttemptAt, d.lastStatus, d.lastError], ['pending', 6_000, 500, 'The receiver answered 500.']);

      // A holder that dies: its lease runs out and another process takes the delivery over.
      const [again] = mine(await store.claimDeliveries({ owner: 'p1', now: 6_000, leaseMs: 100, limit: 1000 }));
      const [taken] = mine(await store.claimDeliveries({ owner: 'p2', now: 6_100, leaseMs: 100, limit: 1000 }));
      assert.deepEqual([again.id, taken.id, taken.attempts], [claimed.id, claimed.id, 3]);
      assert.equal(await store.settleDelivery({ id: taken.id, owner: 'p1', outcome: { status: 'delivered', at: 6_150, httpStatus: 200 } }), false, 'p1 lost it');
      assert.equal(await store.settleDelivery({ id: taken.id, owner: 'p2', outcome: { status: 'failed', at: 6_150, httpStatus: null, error: 'No answer within 400 ms.' } }), true);
      [d] = await store.listDeliveries({ siteId: s.id, endpointId: w.id, limit: 10 });
      assert.deepEqual([d.status, d.lastStatus], ['failed', null]);

      assert.equal(await store.resendDelivery((await site()).id, d.id, 7_000), false, 'another site cannot resend it');
      assert.equal(await store.resendDelivery(s.id, d.id, 7_000), true);
      const [resent] = mine(await store.claimDeliveries({ owner: 'p1', now: 7_000, leaseMs: 100, limit: 1000 }));
      assert.equal(resent.id, d.id);
      assert.equal(await store.settleDelivery({ id: resent.id, owner: 'p1', outcome: { status: 'delivered', at: 7_010, httpStatus: 204 } }), true);
      const done = await store.getDelivery(s.id, d.id);
      assert.deepEqual([done?.status, done?.deliveredAt, done?.lastStatus, done?.lastError], ['delivered', 7_010, 204, null]);
    });

    it('lists a log newest first, page by page', async () => {
      const store = getStore();
      const s = await site();
      const w = await endpoint(s.id);
      for (let i = 0; i < 5; i++) await store.enqueueDeliveries([delivery(s.id, w.id, { at: 10_000 + i, eventCursor: i })]);
      const page1 = await store.listDeliveries({ siteId: s.id, endpointId: w.id, limit: 3 });
      const page2 = await store.listDeliveries({ siteId: s.id, endpointId: w.id, before: page1.at(-1)!.id, limit: 3 });
      assert.deepEqual([...page1, ...page2].map((d) => d.eventCursor), [4, 3, 2, 1, 0]);
    });
  });
}
