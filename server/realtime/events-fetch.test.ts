import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent, ServerFrame } from '../../protocol/index.ts';
import { newVisitor, staffClient, useTestServer, visitorClient, type TestClient } from './test-helpers.ts';

/** Sends events.fetch; resolves with the event frames that came before its answer, and the answer. */
async function fetchRange(c: TestClient, fields: Record<string, unknown>) {
  const before = c.frames.length;
  const answer = await c.request('events.fetch', fields);
  const frames = c.frames.slice(before, c.frames.indexOf(answer));
  const events = frames.filter((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event').map((f) => f.event as DurableEvent);
  return { answer, events };
}

describe('events.fetch: a client fills a hole by range', () => {
  const { ts, a } = useTestServer({ serverLimits: { fetchMaxEvents: 4 } });

  test('staff by cursor: the events come as event frames before the ack, which says how far the answer is complete', async () => {
    const v = await newVisitor(ts, a.site);
    const visitor = await visitorClient(ts, a.site, v.token, { conversations: {} });
    const staff = await staffClient(ts, a.staffToken);
    const start = staff.helloResult.resume.cursor!;
    for (let i = 0; i < 3; i++) await visitor.call('message.send', { clientId: `m${i}`, text: `m${i}` });
    await staff.waitForEvents((es) => es.filter((e) => e.kind === 'message.created').length === 3);

    const all = await fetchRange(staff, { after: start });
    assert.equal(all.answer.type, 'ack');
    assert.deepEqual(all.events.map((e) => e.cursor), [start + 1, start + 2, start + 3, start + 4], 'conversation.created + 3 messages, one page of 4');
    assert.deepEqual((all.answer as { result: unknown }).result, { upTo: start + 4 });

    const middle = await fetchRange(staff, { after: start + 1, until: start + 2 });
    assert.deepEqual(middle.events.map((e) => e.cursor), [start + 2]);
    assert.deepEqual((middle.answer as { result: unknown }).result, { upTo: start + 2 }, 'complete through until');

    const past = await fetchRange(staff, { after: start + 4, until: start + 100 });
    assert.deepEqual(past.events, []);
    assert.deepEqual((past.answer as { result: unknown }).result, { upTo: start + 4 }, 'never claims positions the store does not have yet');

    const bad = await staff.request('events.fetch', { after: 5, until: 4 });
    assert.equal(bad.type === 'error' && bad.code, 'bad_request');
    await visitor.close();
    await staff.close();
  });

  test('visitor by seq: only their own conversations, never a note; the site range is for staff', async () => {
    const v = await newVisitor(ts, a.site);
    const visitor = await visitorClient(ts, a.site, v.token, { conversations: {} });
    const sent = await visitor.call('message.send', { clientId: 'hi', text: 'hi' });
    const conversationId = sent.conversationId as string;
    const staff = await staffClient(ts, a.staffToken);
    await staff.call('message.send', { conversationId, clientId: 'n', text: 'private', note: true });
    await staff.call('message.send', { conversationId, clientId: 'r', text: 'reply' });
    await visitor.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.text === 'reply'));

    const got = await fetchRange(visitor, { conversationId, after: 0 });
    const texts = got.events.filter((e) => e.kind === 'message.created').map((e) => (e as Extract<DurableEvent, { kind: 'message.created' }>).message.text);
    assert.deepEqual(texts, ['hi', 'reply'], 'the note is not there');
    assert.ok(got.events.every((e) => e.prevVisibleSeq !== undefined), 'each carries prevVisibleSeq');
    assert.deepEqual((got.answer as { result: unknown }).result, { upTo: got.events.at(-1)!.seq });

    const other = await newVisitor(ts, a.site);
    const stranger = await visitorClient(ts, a.site, other.token);
    const refused = await stranger.request('events.fetch', { conversationId, after: 0 });
    assert.equal(refused.type === 'error' && refused.code, 'not_found', 'someone else\'s conversation looks missing');
    const site = await stranger.request('events.fetch', { after: 0 });
    assert.equal(site.type === 'error' && site.code, 'forbidden');
    for (const c of [visitor, staff, stranger]) await c.close();
  });
});
