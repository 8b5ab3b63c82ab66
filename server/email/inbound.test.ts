import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { base32 } from './keys.ts';
import type { ReceivedEmail } from './testing/smtp-sink.ts';
import { DELAY_MS, useEmailWorld } from './testing/email-world.ts';

/**
 * Replies by email: through the inbound SMTP listener (as the reply domain's MX would deliver them)
 * and the HTTP endpoint (as a mail provider posts them), into the conversation like a visitor message.
 */
const reply = (to: ReceivedEmail, opts: { from: string; text: string; messageId: string; extraHeaders?: string; body?: string; contentType?: string }) => {
  const headers = [
    `From: Ann <${opts.from}>`,
    `To: ${to.parsed.replyTo!.value[0].address}`,
    `Subject: Re: ${to.parsed.subject}`,
    `Message-ID: ${opts.messageId}`,
    `In-Reply-To: ${to.parsed.messageId}`,
    `References: ${[to.parsed.references].flat().join(' ')} ${to.parsed.messageId}`,
    ...(opts.extraHeaders ? [opts.extraHeaders] : []),
    `Content-Type: ${opts.contentType ?? 'text/plain; charset=utf-8'}`,
  ];
  const quoted = (to.parsed.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
  const body = opts.body ?? `${opts.text}\n\n-- \nAnn Example\nSent from my phone\n\nOn Mon, 1 Jan 2026 at 10:00, Support <${to.parsed.replyTo!.value[0].address}> wrote:\n${quoted}\n`;
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`);
};

describe('a reply by email', () => {
  const w = useEmailWorld();

  async function notified(address: string) {
    const visitor = await w.visitor(address);
    const agent = await w.staff();
    await agent.call('message.send', { conversationId: visitor.conversation.id, clientId: `a-${address}`, text: 'Could you send a photo of the burner?' });
    w.clock.t += DELAY_MS;
    await w.tick();
    const email = await w.sink.waitFor((e) => e.envelope.to.includes(address));
    return { ...visitor, agent, email };
  }

  it('appears live in the dashboard and in the widget, once however often it is delivered, and verifies the email', async () => {
    const { conversation, agent, ws, email, visitorId } = await notified('ann@example.com');
    assert.equal((await w.ts.server.store.getVisitor(visitorId))?.emailVerified, false, 'typed in');
    const raw = reply(email, { from: 'ann@example.com', text: 'Here it is: it is all black.', messageId: '<r1@mail.example.com>' });
    await w.deliver(raw, email.parsed.replyTo!.value[0].address!);

    const isReply = (m: Message) => m.text === 'Here it is: it is all black.';
    await agent.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && isReply(e.message)));
    await ws.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && isReply(e.message)));
    const created = agent.events('message.created').find((e) => isReply(e.message))!;
    assert.deepEqual(created.message.author, { kind: 'visitor', id: visitorId });
    assert.equal(created.message.clientId, 'email:r1@mail.example.com', 'the Message-ID is the clientId');
    assert.equal(created.seq, conversation.lastSeq + 2, 'the next seq after the agent’s reply');
    await agent.waitForEvents((es) => es.some((e) => e.kind === 'visitor.updated' && e.visitor.emailVerified === true));
    assert.equal((await w.ts.server.store.getVisitor(visitorId))?.emailVerified, true, 'proven by replying');

    await w.deliver(raw, email.parsed.replyTo!.value[0].address!); // a mail server retrying after a lost answer
    const posted = await api(w.ts, `/api/v1/conversations/${conversation.id}/messages`, { token: w.a.staffToken });
    assert.equal(posted.body.messages.filter(isReply).length, 1, 'a redelivered email makes no second message');
    await agent.close();
  });

  it('a forged or tampered reply address is refused, over SMTP and HTTP, and nothing is posted', async () => {
    const { conversation, agent, email } = await notified('bo@example.com');
    const real = email.parsed.replyTo!.value[0].address!;
    const [local, domain] = real.split('@');
    const tampered = `${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${domain}`;
    await assert.rejects(w.deliver(reply(email, { from: 'bo@example.com', text: 'forged', messageId: '<f1@x>' }), tampered), (err: { responseCode?: number }) => {
      assert.equal(err.responseCode, 550);
      return true;
    });
    const otherConversation = (await w.visitor('carl@example.com')).conversation;
    const mac = local.split('.')[1];
    const foreign = `reply+${base32(Buffer.from(otherConversation.id))}.${mac}@${domain}`; // another conversation, this one's signature
    await assert.rejects(w.deliver(reply(email, { from: 'bo@example.com', text: 'forged', messageId: '<f2@x>' }), foreign), { responseCode: 550 });

    const rawTampered = reply(email, { from: 'bo@example.com', text: 'forged over http', messageId: '<f3@x>' }).toString().replace(real, tampered);
    const http = await api(w.ts, '/api/v1/email/inbound', { rawBody: rawTampered, headers: { 'content-type': 'message/rfc822' } });
    assert.equal(http.status, 403);
    assert.equal(http.body.code, 'forbidden');
    assert.match(http.body.message, /reply address is not valid/);
    const none = await api(w.ts, '/api/v1/email/inbound', { rawBody: 'From: x@y\r\nTo: support@acme.test\r\n\r\nhi', headers: { 'content-type': 'message/rfc822' } });
    assert.equal(none.status, 403);

    const messages = (await api(w.ts, `/api/v1/conversations/${conversation.id}/messages`, { token: w.a.staffToken })).body.messages as Message[];
    assert.ok(!messages.some((m) => m.text.includes('forged')));
    await agent.close();
  });

  it('over HTTP: quoted history stripped, attachments sniffed like uploads (a PDF kept, HTML refused), auto-replies ignored', async () => {
    const { conversation, agent, email } = await notified('dee@example.com');
    const boundary = 'b-1';
    const body = [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Photo attached.',
      '',
      'On Mon, 1 Jan 2026, Support wrote:',
      '> Could you send a photo?',
      `--${boundary}`,
      'Content-Type: application/pdf; name="burner.pdf"',
      'Content-Disposition: attachment; filename="burner.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4\n% a burner\n').toString('base64'),
      `--${boundary}`,
      'Content-Type: image/png; name="cat.png"',
      'Content-Disposition: attachment; filename="cat.png"',
      '',
      '<html><script>alert(1)</script></html>',
      `--${boundary}--`,
      '',
    ].join('\n');
    const raw = reply(email, { from: 'dee@example.com', text: '', messageId: '<d1@mail.example.com>', contentType: `multipart/mixed; boundary="${boundary}"`, body });
    const res = await api(w.ts, '/api/v1/email/inbound', { rawBody: raw, headers: { 'content-type': 'message/rfc822' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'posted');
    const created = (await agent.waitFor((f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.id === res.body.messageId)) as never as {
      event: { message: Message };
    };
    const m = created.event.message;
    assert.equal(m.text.split('\n')[0], 'Photo attached.');
    assert.ok(!m.text.includes('Could you send a photo?'), 'quoted history stripped');
    assert.match(m.text, /\[cat\.png: this type of file is not accepted\]/);
    assert.deepEqual(m.attachments.map((a) => [a.name, a.type]), [['burner.pdf', 'application/pdf']]);

    const auto = reply(email, { from: 'dee@example.com', text: 'I am out of the office until Monday.', messageId: '<ooo@mail.example.com>', extraHeaders: 'Auto-Submitted: auto-replied' });
    const ignored = await api(w.ts, '/api/v1/email/inbound', { rawBody: auto, headers: { 'content-type': 'message/rfc822' } });
    assert.deepEqual([ignored.status, ignored.body.status, ignored.body.reason], [200, 'ignored', 'automatic']);
    const messages = (await api(w.ts, `/api/v1/conversations/${conversation.id}/messages`, { token: w.a.staffToken })).body.messages as Message[];
    assert.ok(!messages.some((x) => x.text.includes('out of the office')));
    await agent.close();
  });
});
