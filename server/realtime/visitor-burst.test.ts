import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent, ServerEvent } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { startCluster, type TestCluster } from '../scale/test-cluster.ts';
import { createTestSite, newVisitor, staffClient, startTestServer, visitorClient, type TestServer, type TestSite } from './test-helpers.ts';

type Created = Extract<DurableEvent, { kind: 'message.created' }>;
const created = (events: ServerEvent[], conv: string) => events.filter((e): e is Created => e.kind === 'message.created' && e.conversationId === conv);

/**
 * A visitor's sends fired all at once, naming their conversation as the widget does, with resends of
 * clientIds still in flight and one send that names no conversation among them: every send commits
 * once, in the order sent, and reaches the agent (on another process in the cluster) once each in seq
 * order. Holds for serialized sends (today) and must keep holding if they are pipelined like staff
 * sends (tried and measured: bench/findings.md #16).
 */
async function burst(visitorOn: TestServer, staffOn: TestServer, site: TestSite): Promise<void> {
  const v = await newVisitor(visitorOn, site.site);
  const tab = await visitorClient(visitorOn, site.site, v.token);
  const staff = await staffClient(staffOn, site.staffToken);
  try {
    const first = await tab.call('message.send', { clientId: 'p0', text: 'm0' });
    const conv: string = first.conversationId;
    // 60 sends fired without waiting; every 10th is followed at once by a resend of the same clientId
    // (a client retrying after a timeout), and #30 names no conversation (it must wait for the rest).
    const sends: { i: number; resend: boolean; ack: Promise<any> }[] = [];
    for (let i = 1; i <= 60; i++) {
      const fields = { clientId: `p${i}`, text: `m${i}`, ...(i === 30 ? {} : { conversationId: conv }) };
      sends.push({ i, resend: false, ack: tab.call('message.send', fields) });
      if (i % 10 === 0) sends.push({ i, resend: true, ack: tab.call('message.send', fields) });
    }
    const acks = await Promise.all(sends.map((s) => s.ack));
    const firstAcks = acks.filter((_, k) => !sends[k].resend);
    assert.deepEqual(
      firstAcks.map((a) => a.seq),
      Array.from({ length: 60 }, (_, k) => first.seq + 1 + k),
      'committed in the order sent, one seq each, no gap',
    );
    assert.ok(firstAcks.every((a) => a.conversationId === conv), 'all into the open conversation');
    for (const [k, s] of sends.entries()) {
      if (s.resend) assert.equal(acks[k].messageId, firstAcks[s.i - 1].messageId, `the resend of p${s.i} is answered with the first send's message`);
    }

    const history = await api(visitorOn, `/api/v1/conversations/${conv}/messages?limit=100`, { token: v.token });
    assert.deepEqual(
      history.body.messages.map((m: { text: string }) => m.text),
      Array.from({ length: 61 }, (_, k) => `m${k}`),
      'stored once each, in send order',
    );

    const lastSeq = firstAcks.at(-1).seq;
    await staff.waitForEvents((es) => created(es, conv).some((e) => e.seq === lastSeq));
    await staff.call('ping');
    const live = created(staff.events(), conv);
    assert.deepEqual(live.map((e) => e.seq), Array.from({ length: 61 }, (_, k) => first.seq + k), 'the agent got each once, in seq order');
    assert.deepEqual(live.map((e) => e.message.text), Array.from({ length: 61 }, (_, k) => `m${k}`));
  } finally {
    await tab.close();
    await staff.close();
  }
}

describe('a burst of visitor sends, one process (SQLite)', () => {
  let ts: TestServer;
  let site: TestSite;
  before(async () => {
    ts = await startTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(ts);
  });
  after(() => ts?.stop());

  test('a burst of sends naming the conversation, with resends in flight: once each, in order', () => burst(ts, ts, site));
});

describe('a burst of visitor sends, two processes (PostgreSQL + Redis)', () => {
  let cluster: TestCluster;
  let site: TestSite;
  before(async () => {
    cluster = await startCluster(2, { limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(cluster.nodes[0]);
  });
  after(() => cluster?.stop());

  test('visitor on A, agent on B: once each, in order', () => burst(cluster.nodes[0], cluster.nodes[1], site));
});
