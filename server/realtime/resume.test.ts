import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent } from '../../protocol/index.ts';
import { newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';

const messageTexts = (events: DurableEvent[] | { kind: string }[]) =>
  (events as DurableEvent[]).filter((e) => e.kind === 'message.created').map((e) => (e as Extract<DurableEvent, { kind: 'message.created' }>).message.text);

describe('resume', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000, resumeMaxEvents: 150 } });

  /** A visitor who said 'hi' (a new conversation) and disconnected; then a staff member connects. */
  async function visitorWhoLeft() {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const first = await vc.call('message.send', { clientId: 'start', text: 'hi' });
    await vc.close();
    return { v, first, conv: first.conversationId as string, staff: await staffClient(ts, a.staffToken) };
  }

  test('a visitor who disconnects while 100 messages are sent receives all 100 exactly once, in order', async () => {
    const { v, first, conv, staff } = await visitorWhoLeft();

    for (let i = 0; i < 100; i++) await staff.call('message.send', { conversationId: conv, clientId: `s${i}`, text: `reply ${i}` });

    const back = await visitorClient(ts, a.site, v.token, { conversations: { [conv]: first.seq } });
    assert.equal(back.helloResult.resume.replayed, 100);
    await back.call('ping');
    const texts = messageTexts(back.events());
    assert.deepEqual(texts, Array.from({ length: 100 }, (_, i) => `reply ${i}`));
    const seqs = back.events('message.created').map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
    await back.close();
    await staff.close();
  });

  test('messages sent while the visitor is replaying arrive exactly once, after the replay', async () => {
    const { v, first, conv, staff } = await visitorWhoLeft();
    for (let i = 0; i < 50; i++) await staff.call('message.send', { conversationId: conv, clientId: `a${i}`, text: `m${i}` });

    // Keep sending while the visitor reconnects: some of these land before, during and after its replay.
    const sending = (async () => {
      for (let i = 50; i < 100; i++) await staff.call('message.send', { conversationId: conv, clientId: `a${i}`, text: `m${i}` });
    })();
    const back = await visitorClient(ts, a.site, v.token, { conversations: { [conv]: first.seq } });
    await sending;
    await back.waitForEvents((es) => messageTexts(es as DurableEvent[]).includes('m99'));
    await back.call('ping');
    assert.deepEqual(messageTexts(back.events()), Array.from({ length: 100 }, (_, i) => `m${i}`));
    await back.close();
    await staff.close();
  });

  test('a visitor resume replays conversations it did not list from the start; notes never', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const sent = await vc.call('message.send', { clientId: 'x', text: 'from another device' });
    const staff = await staffClient(ts, a.staffToken);
    await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'n', text: 'secret note', note: true });
    await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'r', text: 'public reply' });
    await vc.close();
    const back = await visitorClient(ts, a.site, v.token, { conversations: {} });
    await back.call('ping');
    assert.deepEqual(messageTexts(back.events()), ['from another device', 'public reply']);
    assert.equal(JSON.stringify(back.frames).includes('secret note'), false);
    await back.close();
    await staff.close();
  });

  test('staff resume from a cursor gets every site event after it, in cursor order', async () => {
    const staff = await staffClient(ts, a.staffToken);
    const cursor = staff.helloResult.resume.cursor!;
    await staff.close();
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    for (let i = 0; i < 5; i++) await vc.call('message.send', { clientId: `v${i}`, text: `q${i}` });
    const back = await staffClient(ts, a.staffToken, { cursor });
    await back.call('ping');
    const durable = back.events().filter((e): e is DurableEvent => 'cursor' in e);
    assert.deepEqual(messageTexts(durable), ['q0', 'q1', 'q2', 'q3', 'q4']);
    const cursors = durable.map((e) => e.cursor);
    assert.deepEqual(cursors, [...cursors].sort((x, y) => x - y));
    assert.equal(back.helloResult.resume.cursor, cursors[cursors.length - 1]);
    await back.close();
    await vc.close();
  });

  test('further behind than resumeMaxEvents: told to reload instead of replaying', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const first = await vc.call('message.send', { clientId: 'start', text: 'hi' });
    const staff = await staffClient(ts, a.staffToken);
    const cursor = staff.helloResult.resume.cursor!;
    for (let i = 0; i < 160; i++) await staff.call('message.send', { conversationId: first.conversationId, clientId: `z${i}`, text: `z${i}` });
    const back = await visitorClient(ts, a.site, v.token, { conversations: { [first.conversationId]: first.seq } });
    assert.deepEqual(back.helloResult.resume.reload, [first.conversationId]);
    assert.equal(back.helloResult.resume.replayed, 0);
    const staffBack = await staffClient(ts, a.staffToken, { cursor });
    assert.deepEqual(staffBack.helloResult.resume.reload, ['site']);
    for (const c of [vc, staff, back, staffBack]) await c.close();
  });
});

describe('resume from a point the server does not have', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });

  test('a visitor resuming above a conversation\'s last seq (a backup was restored) is told to reload it, and gets the next live events', async () => {
    const v = await newVisitor(ts, a.site);
    const vc = await visitorClient(ts, a.site, v.token);
    const first = await vc.call('message.send', { clientId: 'start', text: 'hi' });
    await vc.close();
    const conv: string = first.conversationId;
    const back = await visitorClient(ts, a.site, v.token, { conversations: { [conv]: first.seq + 5 } });
    assert.deepEqual(back.helloResult.resume.reload, [conv]);
    const staff = await staffClient(ts, a.staffToken);
    for (let i = 0; i < 3; i++) await staff.call('message.send', { conversationId: conv, clientId: `after-${i}`, text: `after ${i}` });
    await back.waitForEvents((es) => messageTexts(es as DurableEvent[]).length === 3);
    assert.deepEqual(messageTexts(back.events()), ['after 0', 'after 1', 'after 2']);
    await back.close();
    await staff.close();
  });

  test('staff resuming above the site\'s last cursor are told to reload the site', async () => {
    const staff = await staffClient(ts, a.staffToken);
    const cursor = staff.helloResult.resume.cursor!;
    await staff.close();
    const back = await staffClient(ts, a.staffToken, { cursor: cursor + 100 });
    assert.deepEqual(back.helloResult.resume.reload, ['site']);
    assert.equal(back.helloResult.resume.cursor, cursor);
    await back.close();
  });
});
