import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../http/test-client.ts';
import { newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';

describe('sends that race or carry odd text', () => {
  const { ts, a } = useTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });

  test("two tabs of a new visitor sending their first message at once share one conversation", async () => {
    for (let i = 0; i < 10; i++) {
      const v = await newVisitor(ts, a.site);
      const [tab1, tab2] = await Promise.all([visitorClient(ts, a.site, v.token), visitorClient(ts, a.site, v.token)]);
      const [one, two] = await Promise.all([
        tab1.call('message.send', { clientId: `t1-${i}`, text: 'from tab 1' }),
        tab2.call('message.send', { clientId: `t2-${i}`, text: 'from tab 2' }),
      ]);
      assert.equal(one.conversationId, two.conversationId, `try ${i}: one conversation`);
      const list = await ts.server.store.listVisitorConversations(v.visitorId);
      assert.equal(list.length, 1, `try ${i}: the visitor has one conversation`);
      await tab1.close();
      await tab2.close();
    }
  });

  test('a lone surrogate is stored as U+FFFD; the ack, the stored message and a resend with the same clientId agree', async () => {
    const v = await newVisitor(ts, a.site);
    const tab = await visitorClient(ts, a.site, v.token);
    const staff = await staffClient(ts, a.staffToken);
    const text = 'broken \ud83d emoji';
    const first = await tab.call('message.send', { clientId: 'lone', text });
    assert.equal(first.message.text, 'broken \ufffd emoji');
    const again = await tab.request('message.send', { clientId: 'lone', text });
    assert.equal(again.type, 'ack', `the resend is answered like the first send: ${JSON.stringify(again)}`);
    assert.equal(again.type === 'ack' && (again.result as { messageId: string }).messageId, first.messageId);
    const history = await api(ts, `/api/v1/conversations/${first.conversationId}/messages`, { token: v.token });
    assert.deepEqual(history.body.messages.map((m: { text: string }) => m.text), [first.message.text]);
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.id === first.messageId));
    const live = staff.events('message.created').find((e) => e.message.id === first.messageId)!;
    assert.equal(live.message.text, first.message.text, 'what staff received live is what was stored');
    await tab.close();
    await staff.close();
  });
});
