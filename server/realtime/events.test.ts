import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';
import type { ServerEvent } from '../../protocol/index.ts';

/** The durable events of issue 2 each reach the right people: deletions, read receipts, assignment. */
describe('durable events', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });

  test('message deleted: staff and the visitor get message.deleted; a deleted note never reaches the visitor', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const sent = await vc.call('message.send', { clientId: 'd0', text: 'hi' });
    const reply = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'd1', text: 'typo reply' });
    const note = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'd2', text: 'internal', note: true });
    await staff.call('message.delete', { conversationId: sent.conversationId, messageId: note.messageId });
    await staff.call('message.delete', { conversationId: sent.conversationId, messageId: reply.messageId });
    await vc.waitForEvents((es) => es.some((e) => e.kind === 'message.deleted' && e.messageId === reply.messageId));
    await staff.waitForEvents((es) => es.filter((e) => e.kind === 'message.deleted').length === 2);
    await vc.call('ping');
    assert.deepEqual(vc.events('message.deleted').map((e) => e.messageId), [reply.messageId]);
    assert.equal(JSON.stringify(vc.frames).includes(note.messageId), false, 'nothing about the note reaches the visitor');
    // Visitors cannot delete.
    const refused = await vc.request('message.delete', { conversationId: sent.conversationId, messageId: sent.messageId });
    assert.equal(refused.type === 'error' && refused.code, 'forbidden');
    await vc.close();
    await staff.close();
  });

  test('read receipts: each side sees the other move its read cursor', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const sent = await vc.call('message.send', { clientId: 'r0', text: 'question' });
    await staff.call('read', { conversationId: sent.conversationId, seq: sent.seq });
    await vc.waitForEvents((es) => es.some((e) => e.kind === 'read.moved' && e.reader.kind === 'staff' && e.upTo === sent.seq));
    const reply = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'r1', text: 'answer' });
    const ack = await vc.call('read', { conversationId: sent.conversationId, seq: reply.seq });
    assert.equal(ack.seq, reply.seq);
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'read.moved' && e.reader.kind === 'visitor' && e.upTo === reply.seq));
    // Reading beyond the last message is clamped; reading backwards changes nothing.
    assert.equal((await vc.call('read', { conversationId: sent.conversationId, seq: reply.seq + 50 })).seq, reply.seq);
    assert.equal((await vc.call('read', { conversationId: sent.conversationId, seq: 0 })).seq, reply.seq);
    await vc.close();
    await staff.close();
  });

  test('conversation updated: assignment and status reach staff and the visitor; only same-site staff can be assigned', async () => {
    const agent = await addStaff(ts, a.site, 'agent');
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const admin = await staffClient(ts, a.staffToken);
    const agentClient = await staffClient(ts, await loginStaff(ts, agent.email));
    const sent = await vc.call('message.send', { clientId: 'a0', text: 'hello' });
    await admin.call('conversation.update', { conversationId: sent.conversationId, assigneeId: agent.id, status: 'pending' });
    const isAssignment = (e: ServerEvent) => e.kind === 'conversation.updated' && e.changes.assigneeId === agent.id;
    await agentClient.waitForEvents((es) => es.some(isAssignment));
    await vc.waitForEvents((es) => es.some(isAssignment));
    const update = agentClient.events('conversation.updated').find(isAssignment)!;
    assert.equal(update.conversation.assigneeId, agent.id);
    assert.equal(update.conversation.status, 'pending');
    const other = await createTestSite(ts);
    const foreign = await admin.request('conversation.update', { conversationId: sent.conversationId, assigneeId: other.staff.id });
    assert.equal(foreign.type === 'error' && foreign.code, 'bad_request');
    const byVisitor = await vc.request('conversation.update', { conversationId: sent.conversationId, status: 'resolved' });
    assert.equal(byVisitor.type === 'error' && byVisitor.code, 'forbidden');
    for (const c of [vc, admin, agentClient]) await c.close();
  });
});
