import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInbound, replyText } from './parse.ts';

const mime = (headers: string, body: string) => Buffer.from(`${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);

test('a plain reply: quoted history and signature are stripped, addresses found', async () => {
  const email = await parseInbound(
    mime(
      `From: Ann <Ann@Example.com>
To: "Acme" <reply+abc.def@reply.acme.test>
Subject: Re: New reply from Acme
Message-ID: <r1@mail.example.com>
In-Reply-To: <eml_1@reply.acme.test>
Content-Type: text/plain; charset=utf-8`,
      `Thanks, that fixed it!

--
Ann Example
ACME Corp

On Tue, 3 Mar 2026 at 10:00, Acme <reply+abc.def@reply.acme.test> wrote:
> Try restarting.
> Ada`,
    ),
  );
  assert.equal(email.text, 'Thanks, that fixed it!');
  assert.equal(email.from, 'ann@example.com');
  assert.deepEqual(email.recipients, ['reply+abc.def@reply.acme.test']);
  assert.equal(email.messageId, '<r1@mail.example.com>');
  assert.equal(email.automatic, false);
});

test('other clients’ quoting: German, Outlook, phones', () => {
  assert.equal(replyText('Danke!\n\nAm 03.03.2026 um 10:00 schrieb Support <a@b.c>:\n> alt\n'), 'Danke!');
  assert.equal(replyText('Yes please\r\n\r\nSent from my iPhone\r\n\r\n-----Original Message-----\r\nFrom: x\r\n'), 'Yes please');
});

test('HTML-only mail becomes text; attachments kept, inline pictures dropped; auto-replies recognised', async () => {
  const html = await parseInbound(
    mime(
      `From: b@example.com
To: reply+x.y@r.test
Content-Type: multipart/mixed; boundary="b1"`,
      `--b1
Content-Type: text/html; charset=utf-8

<p>See <b>attached</b></p>
--b1
Content-Type: application/pdf; name="doc.pdf"
Content-Disposition: attachment; filename="doc.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b1--`,
    ),
  );
  assert.match(html.text, /See attached/i);
  assert.equal(html.attachments.length, 1);
  assert.equal(html.attachments[0].name, 'doc.pdf');
  assert.equal(html.attachments[0].bytes.toString(), '%PDF-1.4\n');

  for (const header of ['Auto-Submitted: auto-replied', 'X-Autoreply: yes', 'Precedence: bulk']) {
    const auto = await parseInbound(mime(`From: c@example.com\nTo: reply+x.y@r.test\n${header}\nContent-Type: text/plain`, 'I am out of office'));
    assert.equal(auto.automatic, true, header);
  }
  const bounce = await parseInbound(mime('From: MAILER-DAEMON@mx.example.com\nTo: reply+x.y@r.test\nContent-Type: text/plain', 'Undeliverable'));
  assert.equal(bounce.automatic, true);
});
