import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification, ServerEvent } from '../../protocol/index.ts';
import { createParleyServer, type ParleyServer } from '../app.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, startTestServer, visitorClient, waitUntil, type TestClient } from '../realtime/test-helpers.ts';

type Pushed = Extract<ServerEvent, { kind: 'notification' }>;
const pushed = (c: TestClient) => c.events('notification') as Pushed[];
const kinds = (c: TestClient) => pushed(c).map((e) => e.notification.kind);
const waitForKind = (c: TestClient, kind: string, n = 1) => c.waitForEvents((es) => es.filter((e) => e.kind === 'notification' && e.notification.kind === kind).length >= n);

describe('notification center (real server, SQLite file, real sockets)', () => {
  it('a mention and an assignment reach the agent they name on every socket and nobody else; reads clear on every socket; a reconnect and a restart miss nothing', async () => {
    // The stopped process's lease on the site's follower runs out after this, then the next one follows on.
    const ts = await startTestServer({ notifyLeaseMs: 1000 });
    const sockets: TestClient[] = [];
    let restarted: ParleyServer | null = null;
    try {
      const { site, staff: ada, staffToken: adaToken } = await createTestSite(ts);
      const bob = await addStaff(ts, site);
      const cy = await addStaff(ts, site);
      const [bobToken, cyToken] = [await loginStaff(ts, bob.email), await loginStaff(ts, cy.email)];
      const ada1 = await staffClient(ts, adaToken, { cursor: 0 });
      const ada2 = await staffClient(ts, adaToken, { cursor: 0 });
      const bobWs = await staffClient(ts, bobToken, { cursor: 0 });
      const cyWs = await staffClient(ts, cyToken, { cursor: 0 });
      sockets.push(ada1, ada2, bobWs, cyWs);
      assert.deepEqual(ada1.helloResult.notifications, { unread: 0, newestId: null });

      const v = await newVisitor(ts, site);
      const visitor = await visitorClient(ts, site, v.token);
      sockets.push(visitor);
      const first = await visitor.call('message.send', { clientId: 'v1', text: 'My order never came' });
      const conversationId = first.conversationId as string;

      // Bob calls Ada into the conversation with a note; the domain resolves the name into a token.
      const note = await bobWs.call('message.send', { conversationId, clientId: 'n1', note: true, text: `@${ada.name} can you look? cc nobody` });
      assert.equal(note.message.text, `@[${ada.name}](${ada.id}) can you look? cc nobody`);
      await Promise.all([waitForKind(ada1, 'mention'), waitForKind(ada2, 'mention')]);
      const mention = pushed(ada1)[0];
      assert.deepEqual(
        { kind: mention.notification.kind, conversationId: mention.notification.conversationId, actorName: mention.notification.actorName, excerpt: mention.notification.excerpt, readAt: mention.notification.readAt },
        { kind: 'mention', conversationId, actorName: bob.name, excerpt: `@${ada.name} can you look? cc nobody`, readAt: null },
      );
      assert.equal(mention.state.unread, 1);
      assert.deepEqual(pushed(ada2)[0], mention, 'both sockets get the same notification');

      // Bob assigns it to Cy: Cy is told, Ada and Bob are not.
      await bobWs.call('conversation.update', { conversationId, assigneeId: cy.id });
      await waitForKind(cyWs, 'assigned');
      assert.deepEqual(kinds(cyWs), ['assigned'], 'Cy was not mentioned');
      assert.deepEqual((await api(ts, '/api/v1/notifications', { token: bobToken })).body.items, [], 'the author of the note and of the assignment gets nothing');
      // Now to Ada; then the visitor writes: a reply in Ada's conversation (Cy's no longer).
      await bobWs.call('conversation.update', { conversationId, assigneeId: ada.id });
      await visitor.call('message.send', { clientId: 'v2', text: 'Hello? Anyone?' });
      await Promise.all([waitForKind(ada1, 'reply'), waitForKind(ada2, 'reply')]);
      assert.deepEqual(kinds(ada1), ['mention', 'assigned', 'reply']);
      assert.deepEqual(kinds(ada2), ['mention', 'assigned', 'reply']);
      assert.deepEqual(kinds(cyWs), ['assigned'], 'the reply is for the assignee only');
      assert.deepEqual(kinds(bobWs), []);

      // The list: newest first, paged; reading one on one socket's REST call clears it on both sockets.
      const list = await api<{ items: Notification[]; nextCursor: string | null; state: { unread: number } }>(ts, '/api/v1/notifications?limit=2', { token: adaToken });
      assert.deepEqual(list.body.items.map((n) => n.kind), ['reply', 'assigned']);
      assert.equal(list.body.state.unread, 3);
      const next = await api(ts, `/api/v1/notifications?limit=2&before=${list.body.nextCursor}`, { token: adaToken });
      assert.deepEqual(next.body.items.map((n: Notification) => n.kind), ['mention']);
      const read = await api(ts, '/api/v1/notifications/read', { token: adaToken, body: { ids: [mention.notification.id] } });
      assert.equal(read.status, 200);
      assert.equal(read.body.state.unread, 2);
      await Promise.all([ada1, ada2].map((c) => c.waitForEvents((es) => es.some((e) => e.kind === 'notifications.read' && e.state.unread === 2))));
      // Opening the conversation (its notifications read) clears the rest everywhere.
      assert.equal((await api(ts, '/api/v1/notifications/read', { token: adaToken, body: { conversationId } })).body.state.unread, 0);
      await ada2.waitForEvents((es) => es.some((e) => e.kind === 'notifications.read' && e.conversationId === conversationId && e.state.unread === 0));
      assert.equal((await api(ts, '/api/v1/notifications/read', { token: bobToken, body: { ids: [mention.notification.id] } })).body.state.unread, 0, 'Bob cannot read Ada\'s');
      assert.equal((await api(ts, '/api/v1/notifications/read', { token: adaToken, body: { ids: [] } })).status, 400);

      // A disconnect: what happened meanwhile is in the next hello's state and in the list.
      await ada2.close();
      await bobWs.call('message.send', { conversationId, clientId: 'n2', note: true, text: `while you were away @${ada.name}` });
      await waitForKind(ada1, 'mention', 2);
      const back = await staffClient(ts, adaToken, { cursor: ada2.helloResult.resume.cursor ?? 0 });
      sockets.push(back);
      const newest = pushed(ada1).at(-1)!.notification;
      assert.deepEqual(back.helloResult.notifications, { unread: 1, newestId: newest.id });

      // A restart: a note committed just before the server stops is made into a notification by the next one, once.
      await bobWs.call('message.send', { conversationId, clientId: 'n3', note: true, text: `last one @${ada.name}` });
      for (const s of sockets) await s.close();
      sockets.length = 0;
      await ts.server.close();
      ts.server = restarted = await createParleyServer({ config: ts.config });
      await waitUntil(async () => (await ts.server.store.notificationState(site.id, ada.id)).unread === 2, undefined, 'the note before the restart to be notified');
      const after = await staffClient(ts, adaToken);
      sockets.push(after);
      const all = (await api<{ items: Notification[] }>(ts, '/api/v1/notifications?limit=50', { token: adaToken })).body.items;
      assert.deepEqual(all.map((n) => n.kind), ['mention', 'mention', 'reply', 'assigned', 'mention']);
      assert.equal(new Set(all.map((n) => n.cursor)).size, all.length, 'one notification per event');
      assert.deepEqual(after.helloResult.notifications, { unread: 2, newestId: all[0].id });
      await ts.server.notifications.tick();
      assert.equal((await api(ts, '/api/v1/notifications?limit=50', { token: adaToken })).body.items.length, 5, 'following again makes nothing twice');
    } finally {
      for (const s of sockets) await s.close();
      await restarted?.close(); // ts.stop() closes the server it started (closed already, if restarted)
      await ts.stop();
    }
  });

  it('preferences are the agent\'s on every device: a kind turned off makes nothing; schemas refuse the rest', async () => {
    // No poll within the test: a commit wakes its own process's follower (NotificationService.kick).
    const ts = await startTestServer({ notifyPollMs: 3_600_000 });
    const sockets: TestClient[] = [];
    try {
      const { site, staff: ada, staffToken: adaToken } = await createTestSite(ts);
      const bob = await addStaff(ts, site);
      const bobToken = await loginStaff(ts, bob.email);
      assert.deepEqual((await api(ts, '/api/v1/notifications/preferences', { token: adaToken })).body, { kinds: ['assigned', 'mention', 'reply', 'waiting', 'rating'], sound: true, desktop: true });
      const other = await staffClient(ts, adaToken);
      sockets.push(other);
      const put = await api(ts, '/api/v1/notifications/preferences', { token: adaToken, method: 'PUT', body: { kinds: ['assigned'], sound: false, desktop: true } });
      assert.deepEqual(put.body, { kinds: ['assigned'], sound: false, desktop: true });
      await other.waitForEvents((es) => es.some((e) => e.kind === 'notifications.preferences' && !e.preferences.sound));
      assert.equal((await api(ts, '/api/v1/notifications/preferences', { token: adaToken, method: 'PUT', body: { kinds: ['loud'], sound: false, desktop: true } })).status, 400);
      assert.equal((await api(ts, '/api/v1/notifications', { token: (await newVisitor(ts, site)).token })).status, 403, 'visitors have none');

      const v = await newVisitor(ts, site);
      const visitor = await visitorClient(ts, site, v.token);
      sockets.push(visitor);
      const { conversationId } = await visitor.call('message.send', { clientId: 'v1', text: 'hi' });
      const bobWs = await staffClient(ts, bobToken);
      sockets.push(bobWs);
      await bobWs.call('message.send', { conversationId, clientId: 'n1', note: true, text: `@${ada.name} muted` });
      await bobWs.call('conversation.update', { conversationId, assigneeId: ada.id });
      await waitForKind(other, 'assigned');
      assert.deepEqual(kinds(other), ['assigned'], 'mentions are off for Ada');
    } finally {
      for (const s of sockets) await s.close();
      await ts.stop();
    }
  });

  it('a conversation waiting unanswered past the site\'s threshold notifies every agent while unassigned, then only its assignee, once per run', async () => {
    let clock = Date.now();
    const ts = await startTestServer({ waitingCheckMs: 0 }, { now: () => clock });
    const sockets: TestClient[] = [];
    try {
      const { site, staff: ada, staffToken: adaToken } = await createTestSite(ts);
      await ts.server.store.updateSite(site.id, { settings: { ...site.settings, waitingAlertMinutes: 10 } });
      const bob = await addStaff(ts, site);
      const bobWs = await staffClient(ts, await loginStaff(ts, bob.email));
      const adaWs = await staffClient(ts, adaToken);
      sockets.push(bobWs, adaWs);
      const v = await newVisitor(ts, site);
      const visitor = await visitorClient(ts, site, v.token);
      sockets.push(visitor);
      const { conversationId } = await visitor.call('message.send', { clientId: 'v1', text: 'Is anyone there?' });
      clock += 9 * 60_000;
      assert.equal(await ts.server.domain.sweepWaiting(), 0, 'not yet');
      clock += 60_000;
      assert.equal(await ts.server.domain.sweepWaiting(), 1);
      assert.equal(await ts.server.domain.sweepWaiting(), 0, 'once per run');
      await Promise.all([waitForKind(adaWs, 'waiting'), waitForKind(bobWs, 'waiting')]);
      assert.equal(pushed(adaWs)[0].notification.conversationId, conversationId);

      // Bob takes it and answers; the visitor writes again and waits: only Bob hears.
      await bobWs.call('conversation.update', { conversationId, assigneeId: bob.id });
      await bobWs.call('message.send', { conversationId, clientId: 'b1', text: 'Looking into it' });
      await visitor.call('message.send', { clientId: 'v2', text: 'Still waiting' });
      clock += 11 * 60_000;
      assert.equal(await ts.server.domain.sweepWaiting(), 1);
      await waitForKind(bobWs, 'waiting', 2);
      assert.deepEqual(kinds(bobWs), ['waiting', 'reply', 'waiting'], 'Bob assigned himself: no "assigned"');
      const adas = (await api<{ items: Notification[] }>(ts, '/api/v1/notifications', { token: adaToken })).body.items;
      assert.deepEqual(adas.map((n) => n.kind), ['waiting'], 'Ada: only the first, unassigned run');
      assert.deepEqual(kinds(adaWs), ['waiting']);
    } finally {
      for (const s of sockets) await s.close();
      await ts.stop();
    }
  });
});
