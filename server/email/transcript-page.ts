import { emailTranslator, pickEmailLocale } from './templates/catalog.ts';
import { escapeHtml } from './templates/render.ts';
import { emailPage } from './unsubscribe-page.ts';

/**
 * The page the confirmation email's link opens (transcript.ts). Opening it changes nothing: it asks,
 * and its buttons post "send" (the address is theirs: it is marked verified and the transcript queued)
 * or "decline" (this visitor is unsubscribed: no more email to that address from this chat).
 */
export type TranscriptPageView = 'ask' | 'sent' | 'declined' | 'invalid';

export function transcriptPage(view: TranscriptPageView, opts: { siteName: string; email: string; language?: string; action: string }): string {
  const locale = pickEmailLocale([opts.language]);
  const t = emailTranslator(locale);
  const site = opts.siteName;
  const button = (name: string, label: string, quiet = false) =>
    `<form method="post" action="${escapeHtml(opts.action)}"><input type="hidden" name="action" value="${name}"><button type="submit"${quiet ? ' class="quiet"' : ''}>${escapeHtml(label)}</button></form>`;
  const body =
    view === 'invalid'
      ? `<p>${escapeHtml(t('invalidLink'))}</p>`
      : view === 'ask'
        ? `<p>${escapeHtml(t('addressQuestion', { site, email: opts.email }))}</p>${button('send', t('addressSend'))}${button('decline', t('addressDecline'), true)}`
        : `<p role="status">${escapeHtml(view === 'sent' ? t('addressSent', { email: opts.email }) : t('addressDeclined', { site }))}</p>`;
  return emailPage(locale, t('addressHeading'), body);
}
