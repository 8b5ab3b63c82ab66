import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent } from '../../protocol/index.ts';
import { newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';

const durable = (events: { kind: string }[]) => events.filter((e): e is DurableEvent => 'cursor' in e && 'seq' in e);

describe('live delivery order on one node', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });

  test("a staff socket gets the site's events in cursor order, without a hole, when new conversations share group commits with other messages", async () => {
    const staff = await staffClient(ts, a.staffToken);
    const regular = await newVisitor(ts, a.site);
    const busy = await visitorClient(ts, a.site, regular.token);
    const conv = (await busy.call('message.send', { clientId: 'start', text: 'start' })).conversationId;
    for (let i = 0; i < 20; i++) {
      // A new visitor's first message (conversation.created + message.created) and a message of another
      // conversation, sent together so they land in one group commit.
      const v = await newVisitor(ts, a.site);
      const fresh = await visitorClient(ts, a.site, v.token);
      await Promise.all([
        fresh.call('message.send', { clientId: `first-${i}`, text: `new ${i}` }),
        busy.call('message.send', { conversationId: conv, clientId: `busy-${i}`, text: `busy ${i}` }),
      ]);
      await fresh.close();
    }
    const last = await busy.call('message.send', { conversationId: conv, clientId: 'end', text: 'end' });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.id === last.messageId));
    const cursors = durable(staff.events()).map((e) => e.cursor);
    const first = cursors[0];
    assert.deepEqual(cursors, cursors.map((_, i) => first + i), 'every cursor once, ascending, no hole');
    await staff.close();
    await busy.close();
  });
});
