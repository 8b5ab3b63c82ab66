import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../http/test-client.ts';
import type { TestServer } from '../realtime/test-helpers.ts';
import { useEmailWorld, type EmailWorld } from './testing/email-world.ts';

/**
 * A transcript asked for in the widget goes to an address only typed in only once its owner confirmed
 * it (server/email/transcript.ts): an anonymous visitor cannot have the site mail chat text to anyone.
 */
const ask = (w: EmailWorld, conversationId: string, token: string) => api(w.ts, `/api/v1/conversations/${conversationId}/transcript`, { method: 'POST', token });
const linkIn = (text: string) => /\/email\/transcript\?t=[\w.%-]+/.exec(text)?.[0] ?? assert.fail(`no confirmation link in ${text}`);
const page = async (ts: TestServer, path: string, action?: 'send' | 'decline') => {
  const res = await fetch(ts.server.url + path, action ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` } : {});
  return { status: res.status, html: await res.text() };
};

describe('transcripts to typed addresses', () => {
  const w = useEmailWorld();

  it('a typed address gets a confirmation without the chat in it; the link asks, "send" verifies it and the transcript follows', async () => {
    const { conversation, token, visitorId } = await w.visitor('ann@example.com');
    const asked = await ask(w, conversation.id, token);
    assert.deepEqual(asked.body, { to: 'ann@example.com', queued: true, confirm: true });
    await w.tick();
    const confirm = await w.sink.waitFor((e) => e.envelope.to.includes('ann@example.com'));
    assert.match(confirm.parsed.subject ?? '', /Confirm your email/);
    const text = confirm.parsed.text ?? '';
    assert.ok(!text.includes('My stove does not light') && !(confirm.parsed.html || '').includes('My stove'), 'none of the visitor\'s text in it');
    const link = linkIn(text);

    // Opening the link changes nothing (mail scanners open links).
    const opened = await page(w.ts, link);
    assert.equal(opened.status, 200);
    assert.match(opened.html, /Send your conversation with .* to ann@example\.com\?/);
    assert.notEqual((await w.ts.server.store.getVisitor(visitorId))?.emailVerified, true, 'not verified by a GET');
    await w.tick();
    assert.equal(w.mailTo('ann@example.com').length, 1, 'no transcript yet');

    const sent = await page(w.ts, link, 'send');
    assert.equal(sent.status, 200);
    assert.match(sent.html, /on its way to ann@example\.com/);
    assert.equal((await w.ts.server.store.getVisitor(visitorId))?.emailVerified, true, 'proven: the owner used the link');
    await w.tick();
    const transcript = await w.sink.waitFor((e) => e.envelope.to.includes('ann@example.com') && /Your conversation/.test(e.parsed.subject ?? ''));
    assert.ok((transcript.parsed.text ?? '').includes('My stove does not light'));

    // Verified now: the next request from the widget sends the transcript at once.
    w.clock.t += 61_000;
    const again = await ask(w, conversation.id, token);
    assert.deepEqual(again.body, { to: 'ann@example.com', queued: true });
    const outbox = await api(w.ts, '/api/v1/admin/email/outbox?limit=50', { token: w.a.staffToken });
    const toAnn = outbox.body.items.filter((i: { to: string }) => i.to === 'ann@example.com');
    assert.deepEqual([...new Set(toAnn.map((i: { kind: string }) => i.kind))].sort(), ['transcript', 'transcript.confirm']);
    assert.ok(toAnn.every((i: { toVerified: boolean }) => i.toVerified === true), 'the outbox says the address is verified now');
  });

  it('"decline" unsubscribes the visitor: no more email to that address from the widget or an agent, and the link cannot undo it', async () => {
    const { conversation, token } = await w.visitor('eve@example.com');
    await ask(w, conversation.id, token);
    await w.tick();
    const link = linkIn((await w.sink.waitFor((e) => e.envelope.to.includes('eve@example.com'))).parsed.text ?? '');
    // The link's check reads the visitor; unsubscribing them uses that record instead of reading it again.
    const store = w.ts.server.store;
    const getVisitor = store.getVisitor;
    const visitorReads: string[] = [];
    store.getVisitor = (id) => (visitorReads.push(id), getVisitor.call(store, id));
    const declined = await page(w.ts, link, 'decline').finally(() => (store.getVisitor = getVisitor));
    assert.match(declined.html, /will not email you about this chat again/);
    assert.equal(visitorReads.length, 1, 'the visitor is read once for a decline');
    w.clock.t += 61_000;
    const refused = await ask(w, conversation.id, token);
    assert.deepEqual([refused.status, refused.body.code], [403, 'forbidden']);
    assert.match(refused.body.message, /unsubscribed/);
    const byAgent = await ask(w, conversation.id, w.a.staffToken);
    assert.deepEqual([byAgent.status, byAgent.body.code], [403, 'forbidden'], 'an agent\'s transcript honours it too');
    const late = await page(w.ts, link, 'send');
    assert.match(late.html, /will not email you/, 'the old link does not send it after all');
    await w.tick();
    assert.equal(w.mailTo('eve@example.com').length, 1, 'only the confirmation ever went out');
  });

  it('a tampered, expired or outdated link is refused', async () => {
    const { conversation, token, ws } = await w.visitor('tom@example.com');
    await ask(w, conversation.id, token);
    await w.tick();
    const link = linkIn((await w.sink.waitFor((e) => e.envelope.to.includes('tom@example.com'))).parsed.text ?? '');
    const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A'); // the signature's last character
    assert.equal((await page(w.ts, tampered)).status, 404);
    assert.equal((await page(w.ts, tampered, 'send')).status, 404);
    // The visitor changed their address: the link was for the old one.
    await ws.call('context.update', { context: { email: 'tom2@example.com' } });
    assert.equal((await page(w.ts, link, 'send')).status, 404);
    await ws.call('context.update', { context: { email: 'tom@example.com' } });
    assert.equal((await page(w.ts, link)).status, 200);
    w.clock.t += 25 * 3600 * 1000;
    assert.equal((await page(w.ts, link, 'send')).status, 404, 'a day later it has expired');
  });

  it('one address gets at most PARLEY_TRANSCRIPT_CONFIRMS_PER_ADDRESS confirmations a day, however many visitors type it', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { conversation, token } = await w.visitor('victim@example.com');
      const r = await ask(w, conversation.id, token);
      answers.push(r.status);
      if (r.status === 429) assert.deepEqual([r.body.code, /confirmation emails/.test(r.body.message)], ['quota_exceeded', true]);
    }
    assert.deepEqual(answers, [200, 200, 200, 429], 'the default is 3');
    w.clock.t += 8 * 3600 * 1000; // a third of a day: one more
    const { conversation, token } = await w.visitor('victim@example.com');
    assert.equal((await ask(w, conversation.id, token)).status, 200);
  });
});

describe('transcripts per site', () => {
  const w = useEmailWorld({}, { serverLimits: { transcriptsPerSitePerHour: 2 } });

  it('all visitors of a site together have at most PARLEY_TRANSCRIPTS_PER_SITE_PER_HOUR emails sent an hour; agents are not counted', async () => {
    const statuses: number[] = [];
    let last = { id: '', token: '' };
    for (const who of ['a', 'b', 'c']) {
      const { conversation, token } = await w.visitor(`${who}@example.com`);
      last = { id: conversation.id, token };
      statuses.push((await ask(w, conversation.id, token)).status);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal((await ask(w, last.id, w.a.staffToken)).status, 200, 'the agent still sends it');
  });
});
