import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InboxItem, VisitorConversation } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, staffClient, startTestServer, visitorClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';

/**
 * Snooze until a time, the visitor's rating, priority and labels, against the real server (SQLite,
 * sockets, REST). The clock is injected: "an hour later" takes no time, and the snooze waker (it runs
 * every 20 ms here) wakes a conversation as soon as the clock passes its time, by itself.
 */
let clock = Date.parse('2026-03-02T09:00:00Z');
const minutes = (n: number) => (clock += n * 60_000);
let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer({ snoozeCheckMs: 20, ratingChangeMinutes: 60 }, { now: () => clock });
  t = await createTestSite(ts);
});
after(() => ts.stop());

let n = 0;
const cid = () => `c-${++n}`;
const patch = (id: string, body: Record<string, unknown>) => api(ts, `/api/v1/conversations/${id}`, { method: 'PATCH', token: t.staffToken, body });
async function conversation() {
  const v = await newVisitor(ts, t.site);
  const vc = await visitorClient(ts, t.site, v.token);
  const sent = await vc.call('message.send', { clientId: cid(), text: 'hello' });
  return { ...v, vc, id: sent.conversationId as string };
}

test('a snoozed conversation wakes by itself at its time, and the visitor and staff see it open again', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { vc, id } = await conversation();
  const until = clock + 60 * 60_000;
  assert.equal((await patch(id, { status: 'snoozed' })).status, 400, 'a snooze needs its time');
  assert.equal((await patch(id, { status: 'snoozed', snoozedUntil: clock - 1 })).status, 400, 'in the future');
  assert.equal((await patch(id, { status: 'snoozed', snoozedUntil: clock + 366 * 86_400_000 })).status, 400, 'within PARLEY_MAX_SNOOZE_DAYS');
  assert.equal((await patch(id, { status: 'open', snoozedUntil: until })).status, 400);
  assert.equal((await patch(id, { snoozedUntil: until })).status, 200, 'a time alone snoozes');
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === id && e.changes.status === 'snoozed'));
  const snoozed = staff.events('conversation.updated').find((e) => e.conversationId === id && e.changes.status === 'snoozed')!;
  assert.deepEqual([snoozed.changes.snoozedUntil, snoozed.conversation.snoozedUntil, snoozed.byName], [until, until, t.staff.name]);
  assert.equal((await ts.server.domain.wakeSnoozed()), 0, 'not yet');

  minutes(60);
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === id && e.woke === true));
  await vc.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.woke === true));
  const woke = staff.events('conversation.updated').find((e) => e.conversationId === id && e.woke)!;
  assert.deepEqual([woke.changes, woke.conversation.status, woke.conversation.snoozedUntil, woke.by], [{ status: 'open' }, 'open', null, { kind: 'staff', id: t.staff.id }]);
  const inbox = (await api(ts, '/api/v1/conversations?status=open', { token: t.staffToken })).body.items as InboxItem[];
  assert.ok(inbox.some((c) => c.id === id));
  assert.equal(await ts.server.domain.wakeSnoozed(), 0, 'woken once');
  await Promise.all([staff.close(), vc.close()]);
});

test('the visitor writing wakes a snoozed conversation earlier; a snooze resumes across a restart of the process (the time is stored)', async () => {
  const { vc, id } = await conversation();
  await patch(id, { status: 'snoozed', snoozedUntil: clock + 24 * 60 * 60_000 });
  await vc.call('message.send', { clientId: cid(), text: 'any news?', conversationId: id });
  const c = (await api(ts, `/api/v1/conversations/${id}`, { token: t.staffToken })).body.conversation;
  assert.deepEqual([c.status, c.snoozedUntil], ['open', null]);
  await vc.close();

  // A second server on the same database, started after the snooze was set, wakes it: nothing lives in memory.
  const later = await conversation();
  await patch(later.id, { status: 'snoozed', snoozedUntil: clock + 5 * 60_000 });
  await later.vc.close();
  const other = await startTestServer({ snoozeCheckMs: 0, dbFile: ts.config.dbFile }, { now: () => clock });
  try {
    minutes(5);
    assert.ok((await other.server.domain.wakeSnoozed()) >= 1);
    assert.equal((await ts.server.store.getConversation(later.id))?.status, 'open');
  } finally {
    await other.stop();
  }
});

test('rating: after a resolve, 1 to 5 with a comment, changeable for an hour, seen by staff; a site can turn it off', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { vc, id, token } = await conversation();
  const early = await vc.request('conversation.rate', { conversationId: id, score: 5 });
  assert.equal(early.type === 'error' && early.code, 'conflict', 'only a resolved conversation');
  await patch(id, { status: 'resolved' });
  const bad = await vc.request('conversation.rate', { conversationId: id, score: 6 });
  assert.equal(bad.type === 'error' && bad.code, 'bad_request');
  await vc.call('conversation.rate', { conversationId: id, score: 2, comment: '  slow  ' });
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.rated' && e.conversationId === id));
  const rated = staff.events('conversation.rated').find((e) => e.conversationId === id)!;
  assert.deepEqual([rated.rating.score, rated.rating.comment], [2, 'slow']);
  assert.match(rated.byName ?? '', /\S/);
  minutes(30);
  const rest = await api(ts, `/api/v1/conversations/${id}/rating`, { token, body: { score: 4 } });
  assert.equal(rest.status, 200);
  const details = (await api(ts, `/api/v1/conversations/${id}`, { token: t.staffToken })).body.conversation;
  assert.deepEqual(details.rating, { score: 4, ratedAt: clock });
  const mine = (await api(ts, '/api/v1/conversations', { token })).body.items as VisitorConversation[];
  assert.equal(mine[0].rating?.score, 4);
  const history = (await api(ts, `/api/v1/conversations/${id}/messages`, { token })).body;
  assert.deepEqual(history.timeline.map((e: { kind: string }) => e.kind), ['conversation.updated', 'conversation.rated', 'conversation.rated']);
  minutes(31);
  const late = await api(ts, `/api/v1/conversations/${id}/rating`, { token, body: { score: 5 } });
  assert.equal(late.status, 409, 'an hour after it was first given it stays');
  assert.equal((await api(ts, `/api/v1/conversations/${id}/rating`, { token: t.staffToken, body: { score: 5 } })).status, 403, 'staff do not rate');

  const off = await createTestSite(ts);
  await api(ts, `/api/v1/admin/sites/${off.site.id}`, { method: 'PATCH', token: off.staffToken, body: { settings: { ratings: false } } });
  const v = await newVisitor(ts, off.site);
  const offClient = await visitorClient(ts, off.site, v.token);
  const sent = await offClient.call('message.send', { clientId: cid(), text: 'hi' });
  await api(ts, `/api/v1/conversations/${sent.conversationId}`, { method: 'PATCH', token: off.staffToken, body: { status: 'resolved' } });
  const refused = await offClient.request('conversation.rate', { conversationId: sent.conversationId, score: 5 });
  assert.equal(refused.type === 'error' && refused.code, 'forbidden');
  await Promise.all([staff.close(), vc.close(), offClient.close()]);
});

test('priority and labels: staff set them, the inbox filters and sorts by them, the visitor never sees them', async () => {
  const site = await createTestSite(ts);
  const staff = await staffClient(ts, site.staffToken);
  const ids: string[] = [];
  const visitors = [];
  for (let i = 0; i < 3; i++) {
    const v = await newVisitor(ts, site.site);
    const vc = await visitorClient(ts, site.site, v.token);
    ids.push((await vc.call('message.send', { clientId: cid(), text: `question ${i}` })).conversationId);
    visitors.push({ ...v, vc });
    minutes(1);
  }
  const set = (id: string, body: Record<string, unknown>) => api(ts, `/api/v1/conversations/${id}`, { method: 'PATCH', token: site.staffToken, body });
  assert.equal((await set(ids[0], { priority: 'urgent', labels: ['billing', ' refund '] })).status, 200);
  await staff.call('conversation.update', { conversationId: ids[1], priority: 'high', labels: ['billing'] });
  assert.equal((await set(ids[2], { priority: 'critical' })).status, 400);
  assert.equal((await set(ids[2], { labels: ['  '] })).status, 400);
  assert.equal((await set(ids[2], { labels: Array.from({ length: 21 }, (_, i) => `l${i}`) })).status, 400);
  await staff.waitForEvents((es) => es.filter((e) => e.kind === 'conversation.triaged').length === 2);
  const triaged = staff.events('conversation.triaged').find((e) => e.conversationId === ids[0])!;
  assert.deepEqual([triaged.priority, triaged.labels, triaged.byName], ['urgent', ['billing', 'refund'], site.staff.name]);

  const inbox = async (q: string) => ((await api(ts, `/api/v1/conversations?${q}`, { token: site.staffToken })).body.items as InboxItem[]).map((c) => c.id);
  assert.deepEqual(await inbox('label=billing'), [ids[1], ids[0]]);
  assert.deepEqual(await inbox('priority=urgent'), [ids[0]]);
  assert.deepEqual(await inbox('sort=priority'), [ids[0], ids[1], ids[2]]);
  assert.deepEqual(await inbox(''), [ids[2], ids[1], ids[0]], 'newest activity first by default');
  const row = ((await api(ts, '/api/v1/conversations?label=refund', { token: site.staffToken })).body.items as InboxItem[])[0];
  assert.deepEqual([row.priority, row.labels], ['urgent', ['billing', 'refund']]);

  // The visitor: no triage event, no labels in their reads.
  const { vc, token } = visitors[0];
  await vc.call('message.send', { clientId: cid(), text: 'still there?', conversationId: ids[0] });
  assert.equal(vc.events().some((e) => e.kind === 'conversation.triaged'), false);
  const own = (await api(ts, `/api/v1/conversations/${ids[0]}`, { token })).body.conversation;
  assert.deepEqual([own.priority, own.labels], [undefined, undefined]);
  assert.doesNotMatch(JSON.stringify((await api(ts, '/api/v1/conversations', { token })).body), /refund/);
  assert.doesNotMatch(JSON.stringify((await api(ts, `/api/v1/conversations/${ids[0]}/messages`, { token })).body), /refund/);
  await Promise.all([staff.close(), ...visitors.map((v) => v.vc.close())]);
});
