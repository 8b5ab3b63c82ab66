import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';

describe('commands and routing', () => {
  const { ts, sites: [a, b] } = useTestServer({}, { sites: 2 });

  test('a visitor message reaches staff of the site and the visitor\'s other tabs, nothing crosses sites or visitors', async () => {
    const v = await newVisitor(ts, a.site);
    const other = await newVisitor(ts, a.site);
    const tab1 = await visitorClient(ts, a.site, v.token);
    const tab2 = await visitorClient(ts, a.site, v.token);
    const otherTab = await visitorClient(ts, a.site, other.token);
    const staffA = await staffClient(ts, a.staffToken);
    const staffB = await staffClient(ts, b.staffToken);

    const ack = await tab1.call('message.send', { clientId: 'm1', text: '  hello there  ' });
    assert.equal(ack.message.text, 'hello there');
    assert.equal(typeof ack.conversationId, 'string');

    const isMine = (e: any) => e.kind === 'message.created' && e.message.id === ack.messageId;
    await tab2.waitForEvents((es) => es.some(isMine));
    await staffA.waitForEvents((es) => es.some(isMine) && es.some((e) => e.kind === 'conversation.created'));

    // The staff reply reaches both tabs.
    const reply = await staffA.call('message.send', { conversationId: ack.conversationId, clientId: 's1', text: 'hi!' });
    const isReply = (e: any) => e.kind === 'message.created' && e.message.id === reply.messageId;
    await tab1.waitForEvents((es) => es.some(isReply));
    await tab2.waitForEvents((es) => es.some(isReply));

    // A ping round-trip on the bystanders proves anything routed to them has arrived by now.
    await otherTab.call('ping');
    await staffB.call('ping');
    assert.deepEqual(otherTab.events().filter((e) => e.kind.startsWith('message') || e.kind.startsWith('conversation')), []);
    assert.deepEqual(staffB.events().filter((e) => e.kind.startsWith('message') || e.kind.startsWith('conversation')), []);
    for (const c of [tab1, tab2, otherTab, staffA, staffB]) await c.close();
  });

  test('every command acks exactly once', async () => {
    const v = await newVisitor(ts, a.site);
    const visitor = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const sent = await visitor.call('message.send', { clientId: 'x1', text: 'need help' });
    const conv = sent.conversationId;
    const commands: [typeof visitor, string, Record<string, unknown>][] = [
      [visitor, 'ping', {}],
      [visitor, 'typing', { conversationId: conv, typing: true }],
      [visitor, 'read', { conversationId: conv, seq: sent.seq }],
      [visitor, 'presence.query', { conversationId: conv }],
      [visitor, 'context.update', { context: { url: 'https://shop.example/cart', title: 'Cart' } }],
      [staff, 'message.send', { conversationId: conv, clientId: 'y1', text: 'on it' }],
      [staff, 'message.send', { conversationId: conv, clientId: 'y2', text: 'private', note: true }],
      [staff, 'read', { conversationId: conv, seq: sent.seq }],
      [staff, 'conversation.update', { conversationId: conv, status: 'pending', assigneeId: a.staff.id }],
      [staff, 'presence.set', { status: 'away' }],
      [staff, 'presence.query', {}],
      [staff, 'typing', { conversationId: conv, typing: false }],
    ];
    const ids: string[] = [];
    for (const [client, type, fields] of commands) {
      const f = await client.request(type, fields);
      assert.equal(f.type, 'ack', `${type}: ${JSON.stringify(f)}`);
      ids.push(`${client === visitor ? 'v' : 's'}:${f.id}`);
    }
    const del = await staff.call('message.send', { conversationId: conv, clientId: 'y3', text: 'oops' });
    assert.equal((await staff.request('message.delete', { conversationId: conv, messageId: del.messageId })).type, 'ack');
    await visitor.call('ping');
    await staff.call('ping');
    for (const client of [visitor, staff]) {
      const answers = client.frames.filter((f) => f.type === 'ack' || f.type === 'error').map((f) => (f as { id: string }).id);
      assert.equal(new Set(answers).size, answers.length, 'no id answered twice');
    }
    await visitor.close();
    await staff.close();
  });

  test('a resend with the same clientId returns the first ack and creates nothing', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const first = await c.call('message.send', { clientId: 'dup-1', text: 'once' });
    // The ack was "dropped": the client reconnects and resends.
    await c.close();
    const again = await visitorClient(ts, a.site, v.token);
    const second = await again.call('message.send', { clientId: 'dup-1', text: 'once' });
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.seq, first.seq);
    const history = await ts.server.domain.history({ kind: 'visitor', siteId: a.site.id, visitorId: v.visitorId }, first.conversationId, {});
    assert.equal(history.messages.length, 1);
    await staff.call('ping');
    assert.equal(staff.events('message.created').filter((e) => e.message.clientId === 'dup-1').length, 1);
    const conflict = await again.request('message.send', { clientId: 'dup-1', text: 'something else' });
    assert.equal(conflict.type === 'error' && conflict.code, 'conflict');
    await again.close();
    await staff.close();
  });

  test('a visitor cannot read or write another visitor\'s conversation; staff of A cannot touch site B', async () => {
    const owner = await newVisitor(ts, a.site);
    const intruder = await newVisitor(ts, a.site);
    const oc = await visitorClient(ts, a.site, owner.token);
    const sent = await oc.call('message.send', { clientId: 'o1', text: 'my secret order' });
    const ic = await visitorClient(ts, a.site, intruder.token);
    for (const [type, fields] of [
      ['message.send', { conversationId: sent.conversationId, clientId: 'i1', text: 'hijack' }],
      ['read', { conversationId: sent.conversationId, seq: 1 }],
      ['typing', { conversationId: sent.conversationId, typing: true }],
      ['presence.query', { conversationId: sent.conversationId }],
    ] as const) {
      const f = await ic.request(type, fields);
      assert.equal(f.type, 'error', type);
      assert.ok(f.type === 'error' && ['not_found', 'forbidden'].includes(f.code), `${type}: ${JSON.stringify(f)}`);
    }
    const staffB = await staffClient(ts, b.staffToken);
    for (const [type, fields] of [
      ['message.send', { conversationId: sent.conversationId, clientId: 'b1', text: 'hi' }],
      ['conversation.update', { conversationId: sent.conversationId, status: 'resolved' }],
      ['read', { conversationId: sent.conversationId, seq: 1 }],
      ['message.delete', { conversationId: sent.conversationId, messageId: sent.messageId }],
    ] as const) {
      const f = await staffB.request(type, fields);
      assert.ok(f.type === 'error' && ['not_found', 'forbidden'].includes(f.code), `${type}: ${JSON.stringify(f)}`);
    }
    // Staff of A cannot assign to staff of B.
    const staffA = await staffClient(ts, a.staffToken);
    const f = await staffA.request('conversation.update', { conversationId: sent.conversationId, assigneeId: b.staff.id });
    assert.equal(f.type, 'error');
    // Visitors cannot use staff commands.
    assert.equal(((await oc.request('message.send', { conversationId: sent.conversationId, clientId: 'n', text: 'x', note: true })) as any).code, 'forbidden');
    assert.equal(((await oc.request('conversation.update', { conversationId: sent.conversationId, status: 'resolved' })) as any).code, 'forbidden');
    assert.equal(((await oc.request('presence.set', { status: 'online' })) as any).code, 'forbidden');
    const history = await ts.server.domain.history({ kind: 'visitor', siteId: a.site.id, visitorId: owner.visitorId }, sent.conversationId, {});
    assert.deepEqual(history.messages.map((m) => m.text), ['my secret order']);
    for (const c of [oc, ic, staffB, staffA]) await c.close();
  });

  test('notes reach staff only; a visitor message into a resolved conversation reopens it', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const first = await vc.call('message.send', { clientId: 'r1', text: 'hello' });
    const note = await staff.call('message.send', { conversationId: first.conversationId, clientId: 'n1', text: 'VIP customer', note: true });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.id === note.messageId));
    await staff.call('conversation.update', { conversationId: first.conversationId, status: 'resolved' });
    await vc.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.status === 'resolved'));
    assert.equal(vc.events('message.created').some((e) => e.message.note), false);
    assert.equal(JSON.stringify(vc.frames).includes('VIP customer'), false);

    await vc.call('message.send', { conversationId: first.conversationId, clientId: 'r2', text: 'one more thing' });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.status === 'open'));
    await vc.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.status === 'open'));
    // A visitor send without conversationId goes to the open conversation.
    const third = await vc.call('message.send', { clientId: 'r3', text: 'and another' });
    assert.equal(third.conversationId, first.conversationId);
    await vc.close();
    await staff.close();
  });

  test('text rules: trimmed, non-empty, at most maxTextLength', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const empty = await vc.request('message.send', { clientId: 't1', text: '   ' });
    assert.equal(empty.type === 'error' && empty.code, 'bad_request');
    const long = await vc.request('message.send', { clientId: 't2', text: 'x'.repeat(ts.config.limits.maxTextLength + 1) });
    assert.equal(long.type === 'error' && long.code, 'text_too_long');
    const ok = await vc.request('message.send', { clientId: 't3', text: 'x'.repeat(ts.config.limits.maxTextLength) });
    assert.equal(ok.type, 'ack');
    const staff = await staffClient(ts, a.staffToken);
    const noConv = await staff.request('message.send', { clientId: 's', text: 'hi' });
    assert.equal(noConv.type === 'error' && noConv.code, 'bad_request');
    await vc.close();
    await staff.close();
  });
});
