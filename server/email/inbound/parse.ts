import EmailReplyParser from 'email-reply-parser';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

/**
 * An inbound email reduced to what a conversation needs: who wrote, to which addresses, the new text
 * of the reply (quoted history and signature removed by email-reply-parser, the port of GitHub's
 * parser that Crisp maintains), its files, and whether a machine wrote it (auto-replies, bounces).
 */
export interface InboundEmail {
  messageId: string | null;
  /** Lowercase address of From. */
  from: string | null;
  /** Lowercase addresses it was sent to (To, Cc, Delivered-To, X-Original-To). */
  recipients: string[];
  text: string;
  attachments: { name: string; bytes: Buffer }[];
  /** An auto-reply, a bounce or list traffic: never posted, so two auto-responders cannot loop through us. */
  automatic: boolean;
}

export async function parseInbound(raw: Buffer): Promise<InboundEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return {
    messageId: mail.messageId ?? null,
    from: addresses(mail.from)[0] ?? null,
    recipients: [...addresses(mail.to), ...addresses(mail.cc), ...headerAddresses(mail, 'delivered-to'), ...headerAddresses(mail, 'x-original-to')],
    text: replyText(mail.text ?? (typeof mail.html === 'string' ? htmlText(mail.html) : '')),
    // Parts of multipart/related are pictures inside the HTML (signature logos), not files sent.
    attachments: mail.attachments.filter((a) => !a.related).map((a) => ({ name: a.filename || 'file', bytes: a.content })),
    automatic: isAutomatic(mail),
  };
}

/** The new part of a reply: quotes ("On ... wrote:", "> ..."), signatures ("-- ", "Sent from my phone") dropped. */
export function replyText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  return new EmailReplyParser().parseReply(normalized).replace(/\n{3,}/g, '\n\n').trim();
}

/** HTML-only mail (some phones and web clients): its text, with quoted blocks left out before reply parsing. */
function htmlText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'blockquote', format: 'skip' },
      { selector: '.gmail_quote', format: 'skip' },
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
    ],
  });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value).flatMap((v) => (v.address ? [v.address.toLowerCase()] : []));
}

function headerAddresses(mail: ParsedMail, name: string): string[] {
  const v = mail.headers.get(name);
  const values = Array.isArray(v) ? v : v ? [v] : [];
  return values.flatMap((x) => (typeof x === 'string' ? x.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [] : [])).map((s) => s.toLowerCase());
}

function isAutomatic(mail: ParsedMail): boolean {
  const h = (name: string) => {
    const v = mail.headers.get(name);
    return typeof v === 'string' ? v.toLowerCase() : v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value).toLowerCase() : '';
  };
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return true;
  if (h('content-type').startsWith('multipart/report')) return true;
  const from = addresses(mail.from)[0] ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from);
}
