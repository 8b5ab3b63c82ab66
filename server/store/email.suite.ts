import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { NewOutboxEmail } from './email-records.ts';
import type { Store } from './store.ts';

/**
 * The email part of the Store contract (email-records.ts), run by storeSuite on every implementation.
 * The store is shared with the other tests, so each test makes its own site and looks at its own rows.
 */
export function emailStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  const site = () => getStore().createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
  const email = (siteId: string, over: Partial<NewOutboxEmail> = {}): NewOutboxEmail => ({
    siteId,
    conversationId: null,
    kind: 'transcript',
    dedupeKey: `k-${uid()}`,
    to: 'ann@example.com',
    subject: 'Your conversation',
    text: 'Hello',
    html: '<p>Hello</p>',
    headers: { 'Message-ID': `<${uid()}@parley.test>` },
    at: 1_000,
    ...over,
  });
  async function conversation(siteId: string) {
    const store = getStore();
    const v = await store.createVisitor({ siteId, label: 'L', context: {}, at: 1 });
    const r = await store.appendMessage({ siteId, visitorId: v.id, clientId: uid(), author: { kind: 'visitor', id: v.id }, text: 'hi', attachmentIds: [], note: false, at: 2 });
    return r.conversation.id;
  }

  describe('email outbox', () => {
    it('queues once per dedupe key, claims with a lease, settles only for the owner', async () => {
      const store = getStore();
      const s = await site();
      const first = email(s.id, { headers: { 'Message-ID': '<a@x>', 'Reply-To': 'r@x' } });
      assert.equal(await store.enqueueEmails([first, { ...email(s.id), dedupeKey: first.dedupeKey }]), 1);
      assert.equal(await store.enqueueEmails([first]), 0, 'the same key again queues nothing');
      const [queued] = await store.listOutbox({ siteId: s.id, limit: 10 });
      assert.equal(queued.status, 'queued');
      assert.deepEqual(queued.headers, { 'Message-ID': '<a@x>', 'Reply-To': 'r@x' });
      assert.equal(queued.attempts, 0);

      const mine = <T extends { id: string }>(list: T[]) => list.filter((e) => e.id === queued.id);
      assert.deepEqual(mine(await store.claimOutbox({ owner: 'p1', now: 999, leaseMs: 100, limit: 1000 })), [], 'not due yet');
      const [claimed] = mine(await store.claimOutbox({ owner: 'p1', now: 1_000, leaseMs: 100, limit: 1000 }));
      assert.equal(claimed.status, 'sending');
      assert.equal(claimed.attempts, 1);
      assert.equal(claimed.leaseOwner, 'p1');
      assert.deepEqual(mine(await store.claimOutbox({ owner: 'p2', now: 1_050, leaseMs: 100, limit: 1000 })), [], 'leased');

      // p1 hangs past its lease: p2 takes the email over, and p1's late outcome is not written.
      const [taken] = mine(await store.claimOutbox({ owner: 'p2', now: 1_100, leaseMs: 100, limit: 1000 }));
      assert.equal(taken.attempts, 2);
      assert.equal(await store.settleOutbox({ id: queued.id, owner: 'p1', outcome: { status: 'sent', at: 1_101 } }), false);
      assert.equal(await store.settleOutbox({ id: queued.id, owner: 'p2', outcome: { status: 'queued', retryAt: 5_000, error: 'connect\nECONNREFUSED' } }), true);
      let got = await store.getOutboxEmail(s.id, queued.id);
      assert.equal(got?.status, 'queued');
      assert.equal(got?.nextAttemptAt, 5_000);
      assert.equal(got?.lastError, 'connect ECONNREFUSED');
      assert.equal(got?.leaseOwner, null);

      const [again] = mine(await store.claimOutbox({ owner: 'p3', now: 5_000, leaseMs: 100, limit: 1000 }));
      assert.equal(again.attempts, 3);
      assert.equal(await store.settleOutbox({ id: queued.id, owner: 'p3', outcome: { status: 'sent', at: 5_010 } }), true);
      got = await store.getOutboxEmail(s.id, queued.id);
      assert.equal(got?.status, 'sent');
      assert.equal(got?.sentAt, 5_010);
      assert.equal(got?.lastError, null);
      assert.deepEqual(mine(await store.claimOutbox({ owner: 'p4', now: 99_999, leaseMs: 100, limit: 1000 })), [], 'sent is never claimed again');
      assert.equal(await store.getOutboxEmail((await site()).id, queued.id), null, 'another site does not see it');
    });

    it('concurrent claims take each email once', async () => {
      const store = getStore();
      const s = await site();
      const emails = Array.from({ length: 30 }, () => email(s.id, { at: 2_000 }));
      await store.enqueueEmails(emails);
      const ids = new Set((await store.listOutbox({ siteId: s.id, limit: 100 })).map((e) => e.id));
      const claims = await Promise.all(['a', 'b', 'c'].map((owner) => store.claimOutbox({ owner, now: 2_000, leaseMs: 60_000, limit: 1000 })));
      const taken = claims.flat().filter((e) => ids.has(e.id)).map((e) => e.id);
      assert.equal(taken.length, 30);
      assert.equal(new Set(taken).size, 30, 'no email claimed twice');
    });

    it('failed emails can be retried by their site; pages are newest first; old settled emails are purged', async () => {
      const store = getStore();
      const s = await site();
      const a = email(s.id, { at: 10 });
      const b = email(s.id, { at: 20 });
      await store.enqueueEmails([a, b]);
      const [newest, oldest] = await store.listOutbox({ siteId: s.id, limit: 10 });
      assert.ok(newest.createdAt > oldest.createdAt);
      assert.deepEqual((await store.listOutbox({ siteId: s.id, limit: 10, before: { createdAt: newest.createdAt, id: newest.id } })).map((e) => e.id), [oldest.id]);
      const [claimed] = (await store.claimOutbox({ owner: 'p', now: 30, leaseMs: 10, limit: 1000 })).filter((e) => e.id === oldest.id);
      await store.settleOutbox({ id: claimed.id, owner: 'p', outcome: { status: 'failed', error: '550 no such user', at: 31 } });
      assert.deepEqual((await store.listOutbox({ siteId: s.id, status: 'failed', limit: 10 })).map((e) => e.id), [oldest.id]);
      assert.equal(await store.retryOutbox({ siteId: (await site()).id, id: oldest.id, now: 40 }), false, 'not from another site');
      assert.equal(await store.retryOutbox({ siteId: s.id, id: newest.id, now: 40 }), false, 'only failed emails');
      assert.equal(await store.retryOutbox({ siteId: s.id, id: oldest.id, now: 40 }), true);
      assert.equal((await store.getOutboxEmail(s.id, oldest.id))?.status, 'queued');
      const [retry] = (await store.claimOutbox({ owner: 'p', now: 40, leaseMs: 10, limit: 1000 })).filter((e) => e.id === oldest.id);
      await store.settleOutbox({ id: retry.id, owner: 'p', outcome: { status: 'sent', at: 41 } });
      assert.ok((await store.purgeOutbox(15, 1000)) >= 1);
      assert.equal(await store.getOutboxEmail(s.id, oldest.id), null, 'sent and old: purged');
      assert.equal((await store.getOutboxEmail(s.id, newest.id))?.status, 'sending', 'emails not settled are never purged');
    });
  });

  describe('email notification state', () => {
    it('the first unseen message starts the clock, later ones join it, covered seqs are ignored', async () => {
      const store = getStore();
      const s = await site();
      const c = await conversation(s.id);
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'visitor', seq: 3, dueAt: 100 });
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'visitor', seq: 5, dueAt: 200 });
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'visitor', seq: 4, dueAt: 150 });
      assert.deepEqual(await store.getEmailNotify(c, 'visitor'), { siteId: s.id, conversationId: c, audience: 'visitor', pendingSeq: 5, notifiedSeq: 0, dueAt: 100 });
      assert.equal(await store.getEmailNotify(c, 'staff'), null, 'audiences are separate');

      const mine = <T extends { conversationId: string }>(rows: T[]) => rows.filter((r) => r.conversationId === c);
      assert.deepEqual(mine(await store.claimDueEmailNotify({ owner: 'p1', now: 99, leaseMs: 50, limit: 1000 })), []);
      const [claimed] = mine(await store.claimDueEmailNotify({ owner: 'p1', now: 100, leaseMs: 50, limit: 1000 }));
      assert.equal(claimed.pendingSeq, 5);
      assert.deepEqual(mine(await store.claimDueEmailNotify({ owner: 'p2', now: 120, leaseMs: 50, limit: 1000 })), [], 'leased');
      // A reply arrives while p1 decides: it is kept pending after p1 settles up to 5.
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'visitor', seq: 7, dueAt: 300 });
      const out = email(s.id, { conversationId: c, kind: 'visitor.reply' });
      assert.equal(await store.settleEmailNotify({ conversationId: c, audience: 'visitor', owner: 'p2', notifiedSeq: 5, nextDueAt: null, now: 130, emails: [out] }), false);
      assert.equal((await store.listOutbox({ siteId: s.id, limit: 10 })).length, 0, 'a settle without the lease queues nothing');
      assert.equal(await store.settleEmailNotify({ conversationId: c, audience: 'visitor', owner: 'p1', notifiedSeq: 5, nextDueAt: null, now: 130, emails: [out] }), true);
      assert.equal((await store.listOutbox({ siteId: s.id, limit: 10 })).length, 1, 'the email is queued with the settle');
      assert.deepEqual(await store.getEmailNotify(c, 'visitor'), { siteId: s.id, conversationId: c, audience: 'visitor', pendingSeq: 7, notifiedSeq: 5, dueAt: 130 });

      const [next] = mine(await store.claimDueEmailNotify({ owner: 'p2', now: 130, leaseMs: 50, limit: 1000 }));
      assert.equal(next.notifiedSeq, 5);
      assert.equal(await store.settleEmailNotify({ conversationId: c, audience: 'visitor', owner: 'p2', notifiedSeq: 7, nextDueAt: null, now: 140, emails: [] }), true);
      assert.equal((await store.getEmailNotify(c, 'visitor'))?.dueAt, null, 'nothing pending');
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'visitor', seq: 6, dueAt: 500 });
      assert.equal((await store.getEmailNotify(c, 'visitor'))?.dueAt, null, 'a replayed, already covered seq is ignored');
    });

    it('a crashed owner’s claim is taken over once its lease runs out', async () => {
      const store = getStore();
      const s = await site();
      const c = await conversation(s.id);
      await store.markEmailNotify({ siteId: s.id, conversationId: c, audience: 'staff', seq: 2, dueAt: 10 });
      const mine = <T extends { conversationId: string }>(rows: T[]) => rows.filter((r) => r.conversationId === c);
      assert.equal(mine(await store.claimDueEmailNotify({ owner: 'dead', now: 10, leaseMs: 50, limit: 1000 })).length, 1);
      assert.equal(mine(await store.claimDueEmailNotify({ owner: 'live', now: 59, leaseMs: 50, limit: 1000 })).length, 0);
      assert.equal(mine(await store.claimDueEmailNotify({ owner: 'live', now: 60, leaseMs: 50, limit: 1000 })).length, 1);
      const claims = await Promise.all(['x', 'y'].map((owner) => store.claimDueEmailNotify({ owner, now: 200, leaseMs: 50, limit: 1000 })));
      assert.equal(claims.flatMap(mine).length, 1, 'two processes at once: one claim');
    });

    it('opt-outs per visitor and per staff member', async () => {
      const store = getStore();
      const s = await site();
      const [v1, v2] = [`vis_${uid()}`, `vis_${uid()}`];
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v1, optedOut: true, at: 1 });
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v1, optedOut: true, at: 2 });
      assert.deepEqual([...(await store.emailOptedOut('visitor', [v1, v2]))], [v1]);
      assert.deepEqual([...(await store.emailOptedOut('staff', [v1]))], [], 'kinds are separate');
      assert.deepEqual([...(await store.emailOptedOut('visitor', []))], []);
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v1, optedOut: false, at: 3 });
      assert.deepEqual([...(await store.emailOptedOut('visitor', [v1, v2]))], []);
    });

    it('an address on the suppression list with its visitor, per site, off again with a resubscribe', async () => {
      const store = getStore();
      const [s, other] = [await site(), await site()];
      const v = `vis_${uid()}`;
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v, optedOut: true, at: 1, addressKey: 'k1' });
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v, optedOut: true, at: 2, addressKey: 'k1' });
      assert.deepEqual([await store.emailAddressOptedOut(s.id, 'k1'), await store.emailAddressOptedOut(other.id, 'k1'), await store.emailAddressOptedOut(s.id, 'k2')], [true, false, false]);
      assert.deepEqual([...(await store.emailOptedOut('visitor', [v]))], [v], 'and the visitor with it');
      await store.setEmailOptOut({ siteId: s.id, kind: 'visitor', id: v, optedOut: false, at: 3, addressKey: 'k1' });
      assert.equal(await store.emailAddressOptedOut(s.id, 'k1'), false);
      assert.equal((await store.emailOptedOut('visitor', [v])).size, 0);
    });
  });

  describe('event-log followers', () => {
    it('a new site starts at 0; one owner at a time; the cursor only moves forward', async () => {
      const store = getStore();
      const s = await site();
      const name = `f-${uid()}`;
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p1', now: 0, leaseMs: 100 }), 0);
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p2', now: 50, leaseMs: 100 }), null, 'leased by p1');
      assert.equal(await store.saveLogFollower({ name, siteId: s.id, owner: 'p1', cursor: 7, now: 60, leaseMs: 100 }), true);
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p2', now: 150, leaseMs: 100 }), null, 'the save renewed the lease');
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p1', now: 150, leaseMs: 100 }), 7, 'the owner renews');
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p2', now: 250, leaseMs: 100 }), 7, 'taken over after the lease');
      assert.equal(await store.saveLogFollower({ name, siteId: s.id, owner: 'p1', cursor: 9, now: 251, leaseMs: 100 }), false, 'the old owner cannot save');
      assert.equal(await store.saveLogFollower({ name, siteId: s.id, owner: 'p2', cursor: 3, now: 252, leaseMs: 100 }), true);
      assert.equal(await store.claimLogFollower({ name, siteId: s.id, owner: 'p2', now: 253, leaseMs: 100 }), 7, 'never back');
    });
  });
}
