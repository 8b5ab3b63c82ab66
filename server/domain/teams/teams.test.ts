import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SiteSettings } from '../../../protocol/index.ts';
import { api } from '../../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, startTestServer, visitorClient, type TestClient, type TestServer, type TestSite } from '../../realtime/test-helpers.ts';

/**
 * Teams against the real server (SQLite, sockets, REST) with an injected clock: a conversation from a
 * page matching a rule, or from a visitor who chose a team in the pre-chat form, goes to a member of
 * that team with capacity, never to anyone else; the team's queue waits for its members.
 */
let clock = Date.parse('2026-12-02T09:00:00Z');
let ts: TestServer;
before(async () => {
  ts = await startTestServer({ assignmentCheckMs: 0 }, { now: () => clock });
});
after(() => ts.stop());
const closers: TestClient[] = [];
after(() => Promise.all(closers.map((c) => c.close())));
let n = 0;
/** The visitor client that wrote each conversation's first message (visitorWrites). */
const writerOf = new Map<string, TestClient>();
const assigneeOf = async (id: string) => (await ts.server.store.getConversation(id))?.assigneeId ?? null;

async function world(agents = 3) {
  const t = await createTestSite(ts);
  const list = [];
  for (let i = 0; i < agents; i++) {
    const s = await addStaff(ts, t.site, 'agent');
    list.push({ id: s.id, name: s.name, token: await loginStaff(ts, s.email) });
  }
  return { t, agents: list };
}
async function settings(t: TestSite, s: SiteSettings) {
  return api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: s } });
}
async function online(token: string) {
  const c = await staffClient(ts, token);
  closers.push(c);
  return c;
}
/** A visitor on `url` (optionally choosing a team first) writes their first message. */
async function visitorWrites(t: TestSite, url: string, teamId?: string) {
  clock += 60_000;
  const v = await newVisitor(ts, t.site);
  const vc = await visitorClient(ts, t.site, v.token, { conversations: {} });
  closers.push(vc);
  await vc.call('context.update', { context: { url, ...(teamId ? { teamId } : {}) } });
  if (teamId) await vc.call('context.update', { context: { url: `${url}#later` } }); // a navigation keeps the choice
  const sent = await vc.call('message.send', { clientId: `t-${++n}`, text: 'my invoice is wrong' });
  await ts.server.domain.sweepRouting();
  writerOf.set(sent.conversationId, vc);
  return sent.conversationId as string;
}

test('teams over REST: agents read, admins write, names unique, unknown teams and strangers refused with a code', async () => {
  const { t, agents } = await world(1);
  const created = await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name: ' Billing ', memberIds: [agents[0].id] } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const team = created.body.team;
  assert.deepEqual([team.name, team.memberIds], ['Billing', [agents[0].id]]);
  assert.equal((await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name: 'BILLING' } })).body.code, 'conflict');
  assert.equal((await api(ts, '/api/v1/teams', { method: 'POST', token: agents[0].token, body: { name: 'Sales' } })).status, 403, 'agents do not write');
  assert.deepEqual((await api(ts, '/api/v1/teams', { token: agents[0].token })).body.teams.map((x: { id: string }) => x.id), [team.id], 'agents read');
  const stranger = await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name: 'Sales', memberIds: ['stf_nobody'] } });
  assert.deepEqual([stranger.status, stranger.body.code], [400, 'bad_request']);
  const bad = await settings(t, { teamRules: [{ pattern: '/billing', teamId: 'tem_nope' }] });
  assert.deepEqual([bad.status, bad.body.code], [400, 'unknown_team']);
  assert.match(bad.body.message, /settings\.teamRules\[0\] names team tem_nope/);
  const other = await createTestSite(ts);
  assert.equal((await api(ts, `/api/v1/teams/${team.id}`, { method: 'PATCH', token: other.staffToken, body: { name: 'Mine' } })).status, 404, 'another site\'s team is not found');
  const v = await visitorWrites(t, 'https://shop.example/');
  const moved = await api(ts, `/api/v1/conversations/${v}`, { method: 'PATCH', token: agents[0].token, body: { teamId: 'tem_nope' } });
  assert.deepEqual([moved.status, moved.body.code], [400, 'unknown_team']);
  assert.equal((await api(ts, `/api/v1/teams/${team.id}`, { method: 'DELETE', token: t.staffToken })).status, 200);
  assert.equal((await api(ts, `/api/v1/teams/${team.id}`, { method: 'DELETE', token: t.staffToken })).status, 404);
});

test('a conversation from a /billing page goes to the Billing member with capacity, not to the others; a full team waits for its own', async () => {
  const { t, agents } = await world(3);
  const [alice, bob, carol] = agents;
  const billing = (await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name: 'Billing', memberIds: [alice.id, bob.id] } })).body.team;
  assert.equal((await settings(t, { assignment: { mode: 'least_busy', capacity: 1 }, teamRules: [{ pattern: '/billing', teamId: billing.id }] })).status, 200);
  const admin = await online(t.staffToken);
  await admin.call('presence.set', { status: 'away' });
  const aliceWs = await online(alice.token);
  await online(bob.token);
  await online(carol.token);
  const first = await visitorWrites(t, 'https://shop.example/billing/invoices?id=7');
  const second = await visitorWrites(t, 'https://shop.example/Billing');
  const got = [await assigneeOf(first), await assigneeOf(second)];
  assert.deepEqual(new Set(got), new Set([alice.id, bob.id]), 'one each, both Billing; Carol (least busy, free) gets none');
  assert.equal((await ts.server.store.getConversation(first))?.teamId, billing.id);
  // Billing is full: the next Billing conversation waits even though Carol is free; a page without a rule goes to Carol.
  const third = await visitorWrites(t, 'https://shop.example/billing');
  const general = await visitorWrites(t, 'https://shop.example/pricing');
  assert.equal(await assigneeOf(third), null, 'waits in the Billing queue');
  assert.equal(await assigneeOf(general), carol.id);
  // The inbox filter by team.
  const inbox = await api(ts, `/api/v1/conversations?team=${billing.id}`, { token: alice.token });
  assert.deepEqual(new Set(inbox.body.items.map((i: { id: string }) => i.id)), new Set([first, second, third]));
  // The holder resolves: the waiting Billing conversation is theirs.
  const holder = got[0] === alice.id ? alice : bob;
  assert.equal((await api(ts, `/api/v1/conversations/${first}`, { method: 'PATCH', token: holder.token, body: { status: 'resolved' } })).status, 200);
  await ts.server.domain.sweepRouting();
  assert.equal(await assigneeOf(third), holder.id);
  // Moving a conversation to a team its assignee is not in: unassigned, in that team's queue, on the timeline by name.
  const sales = (await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name: 'Sales', memberIds: [] } })).body.team;
  const move = await api(ts, `/api/v1/conversations/${general}`, { method: 'PATCH', token: carol.token, body: { teamId: sales.id } });
  assert.equal(move.status, 200, JSON.stringify(move.body));
  assert.equal(await assigneeOf(general), null);
  await aliceWs.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === general && e.teamName === 'Sales' && e.byName === carol.name));
  assert.equal((await ts.server.store.getConversation(general))?.teamId, sales.id);
});

test('the pre-chat choice wins over the page rules, only for a team the site offers', async () => {
  const { t, agents } = await world(2);
  const [alice, bob] = agents;
  const post = (name: string, memberIds: string[]) => api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name, memberIds } });
  const billing = (await post('Billing', [alice.id])).body.team;
  const sales = (await post('Sales', [bob.id])).body.team;
  const res = await settings(t, { assignment: { mode: 'round_robin' }, teamRules: [{ pattern: '/billing', teamId: billing.id }], teamPicker: { options: [{ teamId: sales.id, label: 'Buying' }] } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  await online(alice.token);
  await online(bob.token);
  const chose = await visitorWrites(t, 'https://shop.example/billing', sales.id);
  assert.equal(await assigneeOf(chose), bob.id, 'chose Sales on a Billing page');
  // Event snapshots name the team for staff (the stored payload, which webhooks carry too), never for the visitor.
  const stored = (await ts.server.store.eventsAfterSeq(chose, 0, 10, false)).find((e) => e.kind === 'conversation.created');
  assert.equal(stored?.kind === 'conversation.created' && stored.conversation.teamId, sales.id);
  const seen = [...writerOf.get(chose)!.events('conversation.created'), ...writerOf.get(chose)!.events('conversation.updated')];
  assert.ok(seen.length > 0 && seen.every((e) => e.conversation.teamId === undefined), JSON.stringify(seen));
  const notOffered = await visitorWrites(t, 'https://shop.example/billing', 'tem_forged');
  assert.equal(await assigneeOf(notOffered), alice.id, 'a team the picker does not offer is ignored: the page rule decides');
  // Visitors see the picker, never the page rules.
  const v = await newVisitor(ts, t.site);
  const vc = await visitorClient(ts, t.site, v.token);
  closers.push(vc);
  const site = await api(ts, '/api/v1/visitor/session', { method: 'POST', body: { siteKey: t.site.key } });
  assert.ok(!('teamRules' in (site.body.site?.settings ?? {})), JSON.stringify(site.body.site?.settings));
  assert.deepEqual(site.body.site?.settings.teamPicker, { options: [{ teamId: sales.id, label: 'Buying' }] });
});

test("deleting a team takes it out of the page rules and the pre-chat choice, live, so the settings can be saved again", async () => {
  const { t } = await world(0);
  const make = async (name: string) => (await api(ts, '/api/v1/teams', { method: 'POST', token: t.staffToken, body: { name } })).body.team.id as string;
  const [billing, sales] = [await make('Billing'), await make('Sales')];
  const saved = await settings(t, {
    greeting: 'Hi',
    teamRules: [{ pattern: '/billing', teamId: billing }, { pattern: '/pricing', teamId: sales }],
    teamPicker: { options: [{ teamId: billing, label: 'Invoices' }, { teamId: sales, label: 'Buying' }] },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const staff = await online(t.staffToken);
  const current = async () => (await ts.server.store.getSite(t.site.id))!.settings;

  assert.equal((await api(ts, `/api/v1/teams/${billing}`, { method: 'DELETE', token: t.staffToken })).status, 200);
  assert.deepEqual((await current()).teamRules, [{ pattern: '/pricing', teamId: sales }]);
  assert.deepEqual((await current()).teamPicker, { options: [{ teamId: sales, label: 'Buying' }] });
  assert.equal((await current()).greeting, 'Hi', 'the rest of the settings stay');
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'site.updated' && e.site.settings.teamPicker?.options.length === 1));
  const again = await settings(t, { ...(await current()), greeting: 'Hello' });
  assert.equal(again.status, 200, `a later save is not refused: ${JSON.stringify(again.body)}`);

  // The last team of the choice: the choice goes (it needs at least one option); the rules lose theirs.
  assert.equal((await api(ts, `/api/v1/teams/${sales}`, { method: 'DELETE', token: t.staffToken })).status, 200);
  assert.equal((await current()).teamPicker, undefined);
  assert.deepEqual((await current()).teamRules, []);
  assert.equal((await current()).greeting, 'Hello');
});
