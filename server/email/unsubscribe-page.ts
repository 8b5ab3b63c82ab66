import { isRtl } from '../../i18n/locale.ts';
import { emailTranslator, pickEmailLocale } from './templates/catalog.ts';
import { escapeHtml } from './templates/render.ts';

/**
 * The page an unsubscribe link opens. Opening it changes nothing (link scanners open links): it asks,
 * and its button posts. Mail clients' one-click unsubscribe (RFC 8058) posts directly.
 */
export type UnsubscribeView = 'confirm' | 'unsubscribed' | 'resubscribed' | 'invalid';

export function unsubscribePage(view: UnsubscribeView, opts: { siteName: string; language?: string; action: string }): string {
  const locale = pickEmailLocale([opts.language]);
  const t = emailTranslator(locale);
  const site = opts.siteName;
  const button = (name: string, label: string) =>
    `<form method="post" action="${escapeHtml(opts.action)}"><input type="hidden" name="action" value="${name}"><button type="submit">${escapeHtml(label)}</button></form>`;
  const body =
    view === 'invalid'
      ? `<p>${escapeHtml(t('invalidLink'))}</p>`
      : view === 'confirm'
        ? `<p>${escapeHtml(t('confirmQuestion', { site }))}</p>${button('unsubscribe', t('confirmButton'))}`
        : view === 'unsubscribed'
          ? `<p role="status">${escapeHtml(t('unsubscribed', { site }))}</p>${button('resubscribe', t('resubscribe'))}`
          : `<p role="status">${escapeHtml(t('resubscribed', { site }))}</p>`;
  return emailPage(locale, t('pageTitle'), body);
}

/** The HTML page around what an email's link shows (unsubscribe, transcript confirmation). */
export function emailPage(locale: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${locale}" dir="${isRtl(locale) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111827}` +
    `button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #2563eb;background:#2563eb;color:#fff;cursor:pointer;margin:.25rem 0}` +
    `button.quiet{background:none;color:inherit;border-color:#9ca3af}` +
    `@media (prefers-color-scheme:dark){body{background:#111827;color:#f9fafb}}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  );
}
