/**
 * The paste-in snippet, in one place for everything that prints it (the npm start banner, docs, the
 * dashboard). The first line is the queue stub: calls to Parley(...) made before widget.js has loaded
 * wait in Parley.q and are replayed in order when it loads.
 */
export const QUEUE_STUB = 'window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};';

export function embedSnippet(serverUrl: string, siteKey: string): string[] {
  return [`<script>${QUEUE_STUB}</script>`, `<script async src="${serverUrl.replace(/\/$/, '')}/widget.js" data-site="${siteKey}"></script>`];
}

/** The same for a page that bundles ES modules (an SPA): import the ESM build and boot it. */
export function esmSnippet(serverUrl: string, siteKey: string): string[] {
  const base = serverUrl.replace(/\/$/, '');
  return [
    '<script type="module">',
    `  import { boot } from '${base}/widget/parley.esm.js';`,
    `  boot({ siteKey: '${siteKey}' });`,
    '</script>',
  ];
}
