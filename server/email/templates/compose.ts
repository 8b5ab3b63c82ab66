import type { Message } from '../../../protocol/index.ts';
import { formattingLocale, isRtl } from '../../../i18n/locale.ts';
import { emailTranslator, pickEmailLocale, type EmailTranslate } from './catalog.ts';
import { renderEmail, type Block, type EmailDocument, type MessageItem, type RenderedEmail } from './render.ts';

/**
 * Parley's emails as documents (render.ts turns each into text and HTML): the reply a visitor has not
 * seen, the visitor message agents have not seen, and a conversation's transcript.
 */
export interface Audience {
  /** Preferred languages, best first (the visitor's page language); the first supported one is used. */
  languages: (string | undefined | null)[];
  /** IANA zone for the times shown (the visitor's), else UTC. */
  timeZone?: string;
}

export interface SiteLook {
  name: string;
  color?: string;
}

interface Start {
  t: EmailTranslate;
  /** The catalogue's language, and the tag dates are formatted with (en-GB: 24-hour times). */
  locale: string;
  intl: string;
  doc: (subject: string, preview: string, blocks: Block[]) => EmailDocument;
  item: (m: Message, names: { staff: string; visitor: string }) => MessageItem;
}

function start(site: SiteLook, audience: Audience): Start {
  const locale = pickEmailLocale(audience.languages);
  const t = emailTranslator(locale);
  const intl = formattingLocale(locale, audience.languages.map((l) => l ?? undefined));
  const time = timeFormatter(intl, audience.timeZone);
  return {
    t,
    locale,
    intl,
    doc: (subject, preview, blocks) => ({
      lang: locale,
      dir: isRtl(locale) ? 'rtl' : 'ltr',
      subject,
      preview,
      accent: site.color ?? '#2563eb',
      blocks,
    }),
    item: (m, names) => ({
      author: m.authorName || (m.author.kind === 'staff' ? names.staff : names.visitor),
      time: time(m.createdAt),
      text: m.text,
      attachments: m.attachments.map((a) => t('attachment', { name: a.name })),
    }),
  };
}

function timeFormatter(locale: string, timeZone: string | undefined): (at: number) => string {
  const zone = safeZone(timeZone);
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  return (at) => f.format(new Date(at)) + (zone === 'UTC' ? ' UTC' : '');
}

export function visitorReplyEmail(input: {
  site: SiteLook;
  audience: Audience;
  unseen: Message[];
  earlier: Message[];
  pageUrl: string | null;
  unsubscribeUrl: string;
}): RenderedEmail {
  const { t, doc, item } = start(input.site, input.audience);
  const site = input.site.name;
  const names = { staff: t('team'), visitor: t('you') };
  const blocks: Block[] = [{ kind: 'heading', text: t('replyHeading', { site }) }, { kind: 'paragraph', text: t('replyIntro', { site }) }];
  blocks.push({ kind: 'messages', items: input.unseen.map((m) => item(m, names)) });
  if (input.pageUrl) blocks.push({ kind: 'button', label: t('continue'), url: input.pageUrl });
  blocks.push({ kind: 'paragraph', text: t('replyHint') });
  if (input.earlier.length) blocks.push({ kind: 'messages', title: t('earlier'), faded: true, items: input.earlier.map((m) => item(m, names)) });
  blocks.push({ kind: 'small', text: t('replyWhy', { site }), link: { label: t('unsubscribe'), url: input.unsubscribeUrl } });
  const preview = input.unseen.at(-1)?.text.slice(0, 140) ?? '';
  return renderEmail(doc(t('replySubject', { site }), preview, blocks));
}

export function agentUnseenEmail(input: {
  site: SiteLook;
  visitorName: string;
  unseen: Message[];
  delayMs: number;
  dashboardUrl: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const { t, doc, item } = start(input.site, { languages: ['en'] });
  const visitor = input.visitorName;
  const blocks: Block[] = [
    { kind: 'heading', text: t('agentHeading', { visitor }) },
    { kind: 'paragraph', text: t('agentIntro', { minutes: Math.max(1, Math.round(input.delayMs / 60_000)) }) },
    { kind: 'messages', items: input.unseen.map((m) => item(m, { staff: t('team'), visitor })) },
    { kind: 'button', label: t('openDashboard'), url: input.dashboardUrl },
    { kind: 'small', text: t('agentWhy', { site: input.site.name }), link: { label: t('agentOff'), url: input.unsubscribeUrl } },
  ];
  return renderEmail(doc(t('agentSubject', { visitor }), input.unseen.at(-1)?.text.slice(0, 140) ?? '', blocks));
}

export function transcriptEmail(input: { site: SiteLook; audience: Audience; messages: Message[]; pageUrl: string | null; at: number }): RenderedEmail {
  const { t, doc, item, intl } = start(input.site, input.audience);
  const site = input.site.name;
  const date = new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: safeZone(input.audience.timeZone) }).format(new Date(input.at));
  const blocks: Block[] = [
    { kind: 'heading', text: t('transcriptSubject', { site }) },
    { kind: 'paragraph', text: t('transcriptIntro', { site, date }) },
    { kind: 'messages', items: input.messages.map((m) => item(m, { staff: t('team'), visitor: t('you') })) },
  ];
  if (input.pageUrl) blocks.push({ kind: 'button', label: t('continue'), url: input.pageUrl });
  blocks.push({ kind: 'small', text: t('transcriptWhy', { site }) });
  return renderEmail(doc(t('transcriptSubject', { site }), t('transcriptIntro', { site, date }), blocks));
}

/**
 * Before a transcript goes to an address only typed into the chat: is it theirs? Nothing a visitor wrote
 * is in it (no message, no name), so it cannot carry someone's text under the site's From; the button
 * opens a page whose own button sends the transcript (link scanners open links, they do not post).
 */
export function transcriptConfirmEmail(input: { site: SiteLook; audience: Audience; confirmUrl: string }): RenderedEmail {
  const { t, doc } = start(input.site, input.audience);
  const site = input.site.name;
  const blocks: Block[] = [
    { kind: 'heading', text: t('addressHeading') },
    { kind: 'paragraph', text: t('addressIntro', { site }) },
    { kind: 'button', label: t('addressButton'), url: input.confirmUrl },
    { kind: 'small', text: t('addressWhy'), link: { label: t('addressStop'), url: input.confirmUrl } },
  ];
  return renderEmail(doc(t('addressSubject', { site }), t('addressHeading'), blocks));
}

/** The visitor's zone when this runtime knows it (browsers report names Node may lack), else UTC. */
function safeZone(zone: string | undefined): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone || 'UTC' });
    return zone || 'UTC';
  } catch {
    return 'UTC';
  }
}
