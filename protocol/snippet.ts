/**
 * The paste-in snippet, in one place for everything that prints it (the npm start banner, docs, the
 * dashboard). The first line is the queue stub: calls to Parley(...) made before widget.js has loaded
 * wait in Parley.q and are replayed in order when it loads.
 */
export const QUEUE_STUB = 'window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};';

/** With `requireConsent` (the site's privacy setting) the widget loads and stores nothing until the visitor consents. */
export function embedSnippet(serverUrl: string, siteKey: string, o: { requireConsent?: boolean } = {}): string[] {
  const consent = o.requireConsent ? ' data-require-consent' : '';
  return [`<script>${QUEUE_STUB}</script>`, `<script async src="${serverUrl.replace(/\/$/, '')}/widget.js" data-site="${siteKey}"${consent}></script>`];
}

/**
 * The same for a page that bundles ES modules (an SPA): import the ESM build and boot it. The module is
 * the whole widget, so consent mode there stores and creates nothing before consent, but has loaded.
 */
export function esmSnippet(serverUrl: string, siteKey: string, o: { requireConsent?: boolean } = {}): string[] {
  const base = serverUrl.replace(/\/$/, '');
  return [
    '<script type="module">',
    `  import { boot } from '${base}/widget/parley.esm.js';`,
    `  boot({ siteKey: '${siteKey}'${o.requireConsent ? ', requireConsent: true' : ''} });`,
    '</script>',
  ];
}
