/**
 * The paste-in snippet, in one place for everything that prints it (the npm start banner, docs, the
 * dashboard). The first line is the queue stub: calls to Parley(...) made before widget.js has loaded
 * wait in Parley.q and are replayed in order when it loads.
 */
export const QUEUE_STUB = 'window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};';

export function embedSnippet(serverUrl: string, siteKey: string): string[] {
  return [`<script>${QUEUE_STUB}</script>`, `<script async src="${serverUrl.replace(/\/$/, '')}/widget.js" data-site="${siteKey}"></script>`];
}
