import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../http/test-client.ts';
import { addStaff, loginStaff, newVisitor, visitorClient, withTestServer } from '../realtime/test-helpers.ts';
import { DELAY_MS, useEmailWorld } from './testing/email-world.ts';

describe('transcripts and the outbox over REST', () => {
  const w = useEmailWorld();

  it('the visitor asks for the transcript from the widget; the agent sends it; notes never in it', async () => {
    const { conversation, token, visitorId } = await w.visitor('ann@example.com');
    // Verified (as by the site's identity JWT): the transcript goes at once (typed addresses: transcript.test.ts).
    await w.ts.server.store.updateVisitor(visitorId, { emailVerified: true });
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'n1', text: 'internal: check warranty', note: true });
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'a1', text: 'Please check the valve.' });

    const asked = await api(w.ts, `/api/v1/conversations/${conversation.id}/transcript`, { method: 'POST', token });
    assert.deepEqual(asked.body, { to: 'ann@example.com', queued: true });
    const again = await api(w.ts, `/api/v1/conversations/${conversation.id}/transcript`, { method: 'POST', token });
    assert.equal(again.body.queued, false, 'a double click queues one email');
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes('ann@example.com') && /Your conversation/.test(e.parsed.subject ?? ''));
    const text = email.parsed.text ?? '';
    assert.ok(text.includes('My stove does not light') && text.includes('Please check the valve.'));
    assert.ok(!text.includes('internal: check warranty'), 'no notes');
    assert.match(email.parsed.replyTo?.value[0].address ?? '', /^reply\+/, 'the visitor can answer it by email');

    w.clock.t += 60_000;
    const sent = await api(w.ts, `/api/v1/conversations/${conversation.id}/transcript`, { method: 'POST', token: w.a.staffToken });
    assert.equal(sent.body.queued, true, 'the agent sends it');
    const other = await newVisitor(w.ts, w.a.site);
    const foreign = await api(w.ts, `/api/v1/conversations/${conversation.id}/transcript`, { method: 'POST', token: other.token });
    assert.equal(foreign.status, 404, 'someone else’s conversation');
    await agent.close();
  });

  it('without an address there is nothing to send to', async () => {
    const v = await newVisitor(w.ts, w.a.site);
    const ws = await visitorClient(w.ts, w.a.site, v.token);
    const ack = await ws.call('message.send', { clientId: 'x1', text: 'No email here' });
    const res = await api(w.ts, `/api/v1/conversations/${ack.conversationId}/transcript`, { method: 'POST', token: v.token });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /email address/);
    await ws.close();
  });

  it('admins see the outbox with each email’s state, page by page, and retry failed ones; agents may not', async () => {
    await w.tick(); // what earlier tests queued goes out first
    const status = await api(w.ts, '/api/v1/admin/email', { token: w.a.staffToken });
    assert.equal(status.body.enabled, true);
    assert.equal(status.body.inbound.smtpPort, w.ts.server.email.inboundPort);
    const page = await api(w.ts, '/api/v1/admin/email/outbox?limit=1', { token: w.a.staffToken });
    assert.equal(page.status, 200);
    assert.equal(page.body.items.length, 1);
    assert.ok(page.body.nextCursor);
    const item = page.body.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['attempts', 'conversationId', 'createdAt', 'id', 'kind', 'lastError', 'nextAttemptAt', 'sentAt', 'status', 'subject', 'to', 'toVerified'].sort());
    const next = await api(w.ts, `/api/v1/admin/email/outbox?limit=50&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: w.a.staffToken });
    assert.ok(!next.body.items.some((i: { id: string }) => i.id === item.id), 'the next page starts after it');

    const { conversation } = await w.visitor('bounce@example.com');
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'z1', text: 'Hello?' });
    w.clock.t += DELAY_MS;
    w.sink.refuseRecipient('bounce@example.com', 550);
    await w.tick();
    w.sink.refuseRecipient('bounce@example.com', 0);
    const failed = await api(w.ts, '/api/v1/admin/email/outbox?status=failed', { token: w.a.staffToken });
    const bounced = failed.body.items.find((i: { to: string }) => i.to === 'bounce@example.com');
    assert.equal(bounced.status, 'failed');
    assert.match(bounced.lastError, /550/);
    assert.equal((await api(w.ts, `/api/v1/admin/email/outbox/${bounced.id}/retry`, { method: 'POST', token: w.a.staffToken })).status, 200);
    await w.tick();
    await w.sink.waitFor((e) => e.envelope.to.includes('bounce@example.com'));
    const again = await api(w.ts, `/api/v1/admin/email/outbox/${bounced.id}/retry`, { method: 'POST', token: w.a.staffToken });
    assert.equal(again.status, 409, 'only failed emails are retried');

    const agentB = await addStaff(w.ts, w.a.site, 'agent');
    const tokenB = await loginStaff(w.ts, agentB.email);
    assert.equal((await api(w.ts, '/api/v1/admin/email/outbox', { token: tokenB })).status, 403);
    assert.equal((await api(w.ts, '/api/v1/admin/email/outbox?status=lost', { token: w.a.staffToken })).status, 400);
    await agent.close();
  });
});

describe('without SMTP', () => {
  it('email is off: the settings page is told why, sending answers email_not_configured, the widget is told', async () => {
    await withTestServer(async (ts, a) => {
      const status = await api(ts, '/api/v1/admin/email', { token: a.staffToken });
      assert.deepEqual([status.body.enabled, status.body.reason], [false, 'PARLEY_SMTP_URL is not set.']);
      const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: a.site.key } });
      assert.equal(session.body.site.email, false);
      const res = await api(ts, '/api/v1/conversations/cnv_x/transcript', { method: 'POST', token: session.body.visitorToken });
      assert.deepEqual([res.status, res.body.code], [503, 'email_not_configured']);
      const inbound = await api(ts, '/api/v1/email/inbound', { rawBody: 'From: a@b\r\n\r\nhi', headers: { 'content-type': 'message/rfc822' } });
      assert.equal(inbound.body.code, 'email_not_configured');
      assert.equal(ts.server.email.inboundPort, null, 'no inbound listener');
    });
  });
});
