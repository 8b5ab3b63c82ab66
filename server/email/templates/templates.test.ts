import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../../protocol/index.ts';
import { catalogueProblems } from '../../../i18n/check.ts';
import { CATALOGUES as WIDGET_LOCALES } from '../../../widget/i18n.ts';
import { EMAIL_LOCALES, emailTranslator, pickEmailLocale } from './catalog.ts';
import { agentUnseenEmail, transcriptEmail, visitorReplyEmail } from './compose.ts';

const msg = (over: Partial<Message>): Message => ({
  id: 'msg_1', conversationId: 'cnv_1', seq: 2, clientId: 'c', author: { kind: 'staff', id: 'stf_1' }, authorName: 'Ada',
  text: 'Try <b>restarting</b> & tell me', attachments: [], note: false, deleted: false, createdAt: Date.UTC(2026, 2, 3, 10, 0), ...over,
});

test('the emails speak every language the widget speaks, with every string', () => {
  for (const locale of Object.keys(WIDGET_LOCALES)) assert.ok(EMAIL_LOCALES[locale], `the widget speaks ${locale}; the emails must too`);
  assert.deepEqual(catalogueProblems(EMAIL_LOCALES), [], 'every locale has every string, with the same placeholders');
  assert.equal(pickEmailLocale(['de-AT', 'en']), 'de');
  assert.equal(pickEmailLocale([undefined, 'xx']), 'en');
  assert.equal(emailTranslator('fr')('replySubject', { site: 'Acme' }), 'Nouvelle réponse de Acme');
});

test('a reply email: text and HTML from one template, people’s text escaped, links and unsubscribe in both', () => {
  const email = visitorReplyEmail({
    site: { name: 'Acme <Outdoor>', color: '#ff0000' },
    audience: { languages: ['en-US'], timeZone: 'Europe/Berlin' },
    unseen: [msg({}), msg({ id: 'msg_2', seq: 3, text: 'Also see the file', attachments: [{ id: 'a', name: 'guide.pdf', size: 1, type: 'application/pdf', url: '/x' }] })],
    earlier: [msg({ id: 'msg_0', seq: 1, author: { kind: 'visitor', id: 'vis_1' }, authorName: undefined, text: 'My stove is broken' })],
    pageUrl: 'https://acme.example/help?x=1&y=2',
    unsubscribeUrl: 'https://chat.acme.example/email/unsubscribe?t=abc',
  });
  assert.equal(email.subject, 'New reply from Acme <Outdoor>');
  for (const part of ['Try <b>restarting</b> & tell me', 'Also see the file', 'Attachment: guide.pdf', 'My stove is broken', 'You (', 'Ada (', 'https://acme.example/help?x=1&y=2', 'https://chat.acme.example/email/unsubscribe?t=abc']) {
    assert.ok(email.text.includes(part), `text has ${part}`);
  }
  assert.ok(email.text.includes('11:00'), 'times in the visitor’s zone (10:00 UTC is 11:00 in Berlin)');
  assert.ok(email.html.includes('Try &lt;b&gt;restarting&lt;/b&gt; &amp; tell me'), 'message text escaped');
  assert.ok(!email.html.includes('<b>restarting'), 'no markup from people');
  assert.ok(email.html.includes('Acme &lt;Outdoor&gt;'));
  assert.ok(email.html.includes('href="https://acme.example/help?x=1&amp;y=2"'));
  assert.ok(email.html.includes('#ff0000'));
});

test('localized and right to left where the language is', () => {
  const de = visitorReplyEmail({ site: { name: 'Acme' }, audience: { languages: ['de'] }, unseen: [msg({})], earlier: [], pageUrl: null, unsubscribeUrl: 'u' });
  assert.equal(de.subject, 'Neue Antwort von Acme');
  assert.ok(de.html.includes('lang="de" dir="ltr"'));
  assert.ok(!de.text.includes('Gespräch fortsetzen'), 'no link back when there is no page to link to');
  const ar = transcriptEmail({ site: { name: 'Acme' }, audience: { languages: ['ar'] }, messages: [msg({})], pageUrl: null, at: 0 });
  assert.ok(ar.html.includes('dir="rtl"'));
  assert.equal(ar.subject, 'محادثتك مع Acme');
});

test('an agent email names the visitor, links to the dashboard and to turning it off', () => {
  const email = agentUnseenEmail({
    site: { name: 'Acme' }, visitorName: 'Blue Otter', delayMs: 180_000,
    unseen: [msg({ author: { kind: 'visitor', id: 'vis_1' }, authorName: undefined, text: 'Anyone there?' })],
    dashboardUrl: 'https://chat.acme.example/dashboard/c/cnv_1', unsubscribeUrl: 'https://chat.acme.example/email/unsubscribe?t=s',
  });
  assert.equal(email.subject, 'Unanswered chat from Blue Otter');
  assert.ok(email.text.includes('Blue Otter ('));
  assert.ok(email.text.includes('3 min'));
  assert.ok(email.text.includes('https://chat.acme.example/dashboard/c/cnv_1'));
  assert.ok(email.html.includes('https://chat.acme.example/email/unsubscribe?t=s'));
});
