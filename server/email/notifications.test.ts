import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../http/test-client.ts';
import { addStaff, loginStaff } from '../realtime/test-helpers.ts';
import { DELAY_MS, SHOP, useEmailWorld } from './testing/email-world.ts';

/** The header block with folded lines unfolded. */
const headersOf = (raw: Buffer) => raw.toString().split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');

/**
 * Notification emails end to end on a real server: the event log drives them, the read cursors
 * decide them, a real SMTP server receives them. The test's clock says when the delay has passed.
 */
describe('a staff reply the visitor has not seen', () => {
  const w = useEmailWorld();

  it('is emailed once after the delay, several replies in one email, with context, a link back and unsubscribe', async () => {
    const { conversation } = await w.visitor('ann@example.com');
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'r1', text: 'Is the gas valve open?' });
    w.clock.t += 60_000;
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'r2', text: 'And is the <igniter> clicking?' });
    const firstReplyAt = w.clock.t - 60_000;

    w.clock.t = firstReplyAt + DELAY_MS - 1;
    await w.tick();
    assert.equal(w.mailTo('ann@example.com').length, 0, 'not before the delay');
    assert.equal((await w.ts.server.store.listOutbox({ siteId: w.a.site.id, limit: 10 })).length, 0);

    w.clock.t = firstReplyAt + DELAY_MS;
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes('ann@example.com'));
    const text = email.parsed.text ?? '';
    assert.equal(email.parsed.subject, `New reply from ${w.a.site.name}`);
    assert.ok(text.includes('Is the gas valve open?') && text.includes('And is the <igniter> clicking?'), 'both replies, in one email');
    assert.ok(text.includes('My stove does not light'), 'the visitor’s own message as context');
    assert.ok(text.includes(`${SHOP}/help/stoves?ref=chat`), 'a link back to the page');
    assert.ok(String(email.parsed.html).includes('&lt;igniter&gt;'), 'HTML part, text escaped');
    assert.match(email.parsed.replyTo?.value[0].address ?? '', /^reply\+[a-z2-7]+\.[a-z2-7]{16}@reply\.acme\.test$/);
    assert.equal(w.ts.server.email.status().enabled, true);
    assert.match(headersOf(email.raw), /^List-Unsubscribe: <http[^>]+\/email\/unsubscribe\?t=[^>]+>\r?$/m);
    assert.match(headersOf(email.raw), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    assert.ok(email.parsed.inReplyTo && email.parsed.references, 'threaded on the conversation');

    w.clock.t += 10 * DELAY_MS;
    await w.tick();
    await w.tick();
    assert.equal(w.mailTo('ann@example.com').length, 1, 'emailed once');

    // A later reply is a new email, in the same thread.
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'r3', text: 'Any luck?' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const second = await w.sink.waitFor((e) => e.envelope.to.includes('ann@example.com') && (e.parsed.text ?? '').includes('Any luck?'));
    assert.ok(!(second.parsed.text ?? '').split('Earlier in the conversation')[0].includes('Is the gas valve open?'), 'only what is new, above the context');
    assert.deepEqual(second.parsed.references, email.parsed.references);
    await agent.close();
  });

  it('is not emailed when the visitor read it in a tab meanwhile', async () => {
    const { conversation, ws } = await w.visitor('ben@example.com');
    const agent = await w.staff();
    const reply = await agent.call('message.send', { conversationId: conversation.id, clientId: 'b1', text: 'Hello Ben' });
    w.clock.t += DELAY_MS - 1_000;
    await ws.call('read', { conversationId: conversation.id, seq: reply.seq });
    w.clock.t += 5 * DELAY_MS;
    await w.tick();
    await w.tick();
    assert.equal(w.mailTo('ben@example.com').length, 0);
    assert.equal((await w.ts.server.store.getEmailNotify(conversation.id, 'visitor'))?.dueAt, null, 'settled: nothing pending');
    await agent.close();
  });

  it('honours the unsubscribe link, per visitor (one-click POST), and a resubscribe', async () => {
    const { conversation } = await w.visitor('cy@example.com');
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'c1', text: 'First answer' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes('cy@example.com'));
    const link = new URL(/^List-Unsubscribe: <([^>]+)>/m.exec(headersOf(email.raw))![1]);
    const path = link.pathname + link.search;

    const page = await api(w.ts, path);
    assert.equal(page.status, 200);
    assert.match(String(page.body), /Stop emails about your chats/);
    assert.equal(page.headers.get('content-security-policy')?.includes("default-src 'none'"), true);
    assert.equal((await w.ts.server.store.emailOptedOut('visitor', [conversation.visitorId])).size, 0, 'opening the page changes nothing');
    const done = await api(w.ts, path, { method: 'POST', rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.status, 200);
    assert.match(String(done.body), /no longer get emails/);

    await agent.call('message.send', { conversationId: conversation.id, clientId: 'c2', text: 'Second answer' });
    w.clock.t += DELAY_MS;
    await w.tick();
    assert.equal(w.mailTo('cy@example.com').length, 1, 'no email after unsubscribing');

    await api(w.ts, path, { method: 'POST', rawBody: 'action=resubscribe', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'c3', text: 'Third answer' });
    w.clock.t += DELAY_MS;
    await w.tick();
    await w.sink.waitFor((e) => e.envelope.to.includes('cy@example.com') && (e.parsed.text ?? '').includes('Third answer'));
    const forged = await api(w.ts, `${link.pathname}?t=${link.searchParams.get('t')!.slice(0, -2)}xx`);
    assert.equal(forged.status, 404, 'a tampered link is refused');
    await agent.close();
  });

  it('an unsubscribed address stays unsubscribed: typed again by a new visitor, also after the first was erased', async () => {
    const first = await w.visitor('dee@example.com');
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: first.conversation.id, clientId: 'd1', text: 'Hello Dee' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes('dee@example.com'));
    const link = new URL(/^List-Unsubscribe: <([^>]+)>/m.exec(headersOf(email.raw))![1]);
    const done = await api(w.ts, link.pathname + link.search, { method: 'POST', rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.status, 200);
    const erased = await api(w.ts, '/api/v1/privacy/erase', { method: 'POST', token: w.a.staffToken, body: { visitorId: first.visitorId } });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));

    // The same person on another device: a new visitor, the address typed in another case.
    const again = await w.visitor('Dee@Example.com');
    await agent.call('message.send', { conversationId: again.conversation.id, clientId: 'd2', text: 'Hello again Dee' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const other = await w.visitor('eve@example.com');
    await agent.call('message.send', { conversationId: other.conversation.id, clientId: 'd3', text: 'Hello Eve' });
    w.clock.t += DELAY_MS;
    await w.tick();
    await w.sink.waitFor((e) => e.envelope.to.includes('eve@example.com')); // the tick ran: someone else is emailed
    assert.equal(w.mailTo('dee@example.com').length + w.mailTo('Dee@Example.com').length, 1, 'only the email before the unsubscribe');
    const asked = await api(w.ts, `/api/v1/conversations/${again.conversation.id}/transcript`, { method: 'POST', token: w.a.staffToken });
    assert.deepEqual([asked.status, asked.body.code], [403, 'forbidden'], 'no transcript either');
    await agent.close();
  });

  it('speaks the visitor’s language', async () => {
    const { conversation } = await w.visitor('dora@example.com', { language: 'de-DE' });
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: conversation.id, clientId: 'd1', text: 'Hallo Dora' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes('dora@example.com'));
    assert.equal(email.parsed.subject, `Neue Antwort von ${w.a.site.name}`);
    await agent.close();
  });
});

describe('a visitor message no agent has seen', () => {
  const w = useEmailWorld();

  it('emails every agent while unassigned (not one who turned it off), only the assignee once assigned, nobody once seen', async () => {
    const agentB = await addStaff(w.ts, w.a.site, 'agent');
    const agentC = await addStaff(w.ts, w.a.site, 'agent');
    const tokenC = await loginStaff(w.ts, agentC.email);
    const off = await api(w.ts, '/api/v1/staff/me/email', { method: 'PUT', token: tokenC, body: { notifyUnseen: false } });
    assert.deepEqual(off.body, { notifyUnseen: false, address: agentC.email, enabled: true });

    const { conversation, ws } = await w.visitor('eve@example.com');
    w.clock.t += DELAY_MS;
    await w.tick();
    const toA = await w.sink.waitFor((e) => e.envelope.to.includes(w.a.staff.email));
    const toB = await w.sink.waitFor((e) => e.envelope.to.includes(agentB.email));
    assert.equal(w.mailTo(agentC.email).length, 0, 'the agent who turned these emails off');
    assert.ok((toA.parsed.text ?? '').includes('My stove does not light'));
    assert.ok((toA.parsed.text ?? '').includes(`/dashboard/c/${conversation.id}`), 'a link to the conversation in the dashboard');
    assert.equal(toB.parsed.subject, `Unanswered chat from ${(await w.ts.server.store.getVisitor(conversation.visitorId))!.label}`);

    // Assigned to B: the next unseen message goes to B alone.
    const staffA = await w.staff();
    await staffA.call('conversation.update', { conversationId: conversation.id, assigneeId: agentB.id });
    await ws.call('message.send', { clientId: 'e2', text: 'Hello? Still there?' });
    w.clock.t += DELAY_MS;
    await w.tick();
    await w.sink.waitFor((e) => e.envelope.to.includes(agentB.email) && (e.parsed.text ?? '').includes('Still there?'));
    assert.equal(w.mailTo(w.a.staff.email).length, 1, 'A is not the assignee');

    // Seen by the assignee in the dashboard in time: nobody is emailed.
    const sent = await ws.call('message.send', { clientId: 'e3', text: 'One more thing' });
    const tokenB = await loginStaff(w.ts, agentB.email);
    await api(w.ts, `/api/v1/conversations/${conversation.id}/read`, { token: tokenB, body: { seq: sent.seq } });
    w.clock.t += DELAY_MS;
    await w.tick();
    assert.equal(w.mailTo(agentB.email).length, 2);
    await staffA.close();
  });
});
