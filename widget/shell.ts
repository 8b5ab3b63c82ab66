import type { ResolvedBootOptions } from './api.ts';
import { addSheet } from './style-sheet.ts';

/**
 * The widget's only footprint in the host page: a <parley-widget> custom element at the end of body
 * with an open shadow root. A custom element name (not a div) so host rules like
 * `div { display: none !important }` cannot match it; the inline !important styles beat any author
 * rule (`* { all: unset }` included), and the zero-size static box keeps it out of the host's layout.
 * Set through the CSSOM (style.cssText), not a style attribute, which a strict host CSP would block.
 */
const HOST_STYLE =
  'display:block!important;position:static!important;width:0!important;height:0!important;margin:0!important;' +
  'padding:0!important;border:0!important;overflow:visible!important;visibility:visible!important;' +
  'opacity:1!important;transform:none!important;filter:none!important;contain:none!important;clip-path:none!important';

/** Chat bubble icon path (24x24), shared by the loader's launcher and the UI's. */
export const CHAT_ICON =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.3 3.4A.6.6 0 0 1 3.7 21V18H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

export interface Shell {
  host: HTMLElement;
  root: ShadowRoot;
  /** Shows or hides the placeholder launcher (Parley('hideLauncher') before the UI is in). */
  showLauncher(show: boolean): void;
  remove(): void;
}

/**
 * The launcher's label before ui.js and its string catalogue load: each catalogue's `openChat`
 * (widget/locales/; i18n.test.ts keeps the two in step), picked the way ui.js picks its locale.
 */
export const OPEN_CHAT: Record<string, string> = { en: 'Open chat', de: 'Chat öffnen', fr: 'Ouvrir le chat', es: 'Abrir chat', ar: 'فتح الدردشة' };

export function launcherLabel(locale: string | undefined, nav: { languages?: readonly string[]; language?: string } | undefined): string {
  for (const p of [locale, ...(nav?.languages || []), nav?.language]) {
    const label = OPEN_CHAT[(p || '').toLowerCase().split(/[-_]/)[0]];
    if (label) return label;
  }
  return OPEN_CHAT.en;
}

/**
 * Creates the host and renders a tiny launcher button so something appears before ui.js loads.
 * ui.js replaces the shadow root's content and sheets with the full UI.
 */
export function createShell(doc: Document, o: ResolvedBootOptions, onLaunch: () => void): Shell {
  const host = doc.createElement('parley-widget');
  host.style.cssText = HOST_STYLE;
  // Read by style-sheet.ts where a <style> element is the only way (no constructable stylesheets).
  if (o.nonce) host.nonce = o.nonce;
  const root = host.attachShadow({ mode: 'open' });
  if (!o.hideLauncher) {
    // Markup without a single option in it; the options (checked in boot-options.ts) go through the
    // CSSOM, which takes one value per property and cannot be broken out of.
    root.innerHTML =
      '<button type="button" data-testid="parley-launcher">' +
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="' + CHAT_ICON + '"/></svg></button>';
    addSheet(root, LAUNCHER_CSS);
    const button = root.querySelector('button')!;
    button.style.setProperty(o.position === 'bottom-left' ? 'left' : 'right', '20px');
    button.style.setProperty('z-index', String(o.zIndex ?? 2147483000));
    if (o.color) button.style.setProperty('background', o.color);
    button.setAttribute('aria-label', launcherLabel(o.locale, doc.defaultView?.navigator));
    button.addEventListener('click', onLaunch);
    // The press counts too: the UI replaces this button when it mounts, and a click whose press was on a
    // button that then left the page never fires (the visitor would have to click again). The main button
    // only: a right-click asks for the context menu, not the chat.
    button.addEventListener('pointerdown', (e) => e.button || onLaunch());
  }
  (doc.body || doc.documentElement).appendChild(host);
  return {
    host,
    root,
    showLauncher: (show) => {
      const b = root.querySelector('button');
      if (b) b.style.display = show ? '' : 'none';
    },
    remove: () => host.remove(),
  };
}

const LAUNCHER_CSS =
  ':host{all:initial}button{all:initial;position:fixed;bottom:20px;width:56px;height:56px;border-radius:50%;' +
  'background:#4f46e5;color:#fff;display:flex;align-items:center;justify-content:center;cursor:pointer;' +
  'box-shadow:0 4px 16px rgba(0,0,0,.2)}button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}' +
  'svg{width:28px;height:28px;fill:currentColor}';
