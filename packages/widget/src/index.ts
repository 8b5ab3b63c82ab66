/**
 * @parley/widget: the Parley chat widget for apps built with a bundler. The same commands and events as the
 * paste-in snippet (docs/embedding.md), as typed functions:
 *
 *   import { boot, open, on } from '@parley/widget';
 *   boot({ apiBase: 'https://chat.example.com', siteKey: 'pk_...' });
 *   on('unread-count', ({ count }) => setBadge(count));
 *
 * It weighs about 1 KB: boot() adds the server's /widget.js, which draws the launcher and loads the UI
 * from your Parley server when needed, so the UI always matches the server and is cached and compressed
 * there. Calls made before it has loaded are queued and replayed in order, exactly like the snippet's
 * stub. On the server side of server-side rendering every function does nothing.
 */

export type WidgetPosition = 'bottom-right' | 'bottom-left';
/** Custom attributes staff see beside the conversation. */
export type ContextAttributes = Record<string, string | number | boolean>;

export interface BootOptions {
  /** Where Parley runs, e.g. https://chat.example.com (the origin that serves /widget.js). */
  apiBase: string;
  /** The site's public key (pk_...). */
  siteKey: string;
  /** A JWT your backend signs with the site's identity secret (a signed-in visitor). */
  userToken?: string;
  /** 'en', 'de', ...; default: the browser's languages. */
  locale?: string;
  /** Accent color (any CSS color); overrides the site setting. */
  color?: string;
  position?: WidgetPosition;
  zIndex?: number;
  attributes?: ContextAttributes;
  /** No launcher button: open the chat with open(). */
  hideLauncher?: boolean;
  /** A CSP nonce for the widget's styles in browsers without constructable stylesheets (Safari < 16.4). */
  nonce?: string;
  /** Load and store nothing until the visitor opens the chat or you call consent(true). */
  requireConsent?: boolean;
}

/** update(): page info after client-side navigation, or new attributes. */
export interface UpdateOptions {
  url?: string;
  title?: string;
  attributes?: ContextAttributes;
}

export type Actor = { kind: 'visitor'; id: string } | { kind: 'staff'; id: string };

export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string;
  url: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  author: Actor;
  authorName?: string;
  text: string;
  attachments: Attachment[];
  note: boolean;
  deleted: boolean;
  /** Milliseconds since the epoch, the server's clock. */
  createdAt: number;
}

export interface WidgetEvents {
  /** The session is open and the widget connected for the first time. */
  ready: { visitorId: string };
  open: Record<string, never>;
  close: Record<string, never>;
  /** A committed message arrived live (a staff reply, or the visitor's other tab). */
  message: { message: Message };
  /** The number of unread staff messages changed. */
  'unread-count': { count: number };
}
export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<E extends WidgetEventName = WidgetEventName> = (data: WidgetEvents[E]) => void;

interface ParleyGlobal {
  (command: string, ...args: unknown[]): unknown;
  q?: unknown[][];
  /** Set by the real widget (not the queue stub). */
  v?: number;
}

const LOADER_ATTRIBUTE = 'data-parley-loader';

/** window.Parley, or the snippet's queue stub in its place until /widget.js has loaded. */
function parley(): ParleyGlobal | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  const w = window as Window & { Parley?: ParleyGlobal };
  if (!w.Parley) {
    const stub: ParleyGlobal = (...args: unknown[]) => void (stub.q ||= []).push(args);
    w.Parley = stub;
  }
  return w.Parley;
}

/** Adds <script async src="<apiBase>/widget.js"> once (again after a failed load). */
function load(apiBase: string): void {
  if (document.querySelector(`script[${LOADER_ATTRIBUTE}]`) || (window as { Parley?: ParleyGlobal }).Parley?.v) return;
  const script = document.createElement('script');
  script.async = true;
  script.src = apiBase.replace(/\/+$/, '') + '/widget.js';
  script.setAttribute(LOADER_ATTRIBUTE, '');
  // Unreachable server: the page is unaffected, and the next boot() tries again.
  script.onerror = () => script.remove();
  (document.head || document.documentElement).appendChild(script);
}

function call(command: string, ...args: unknown[]): unknown {
  return parley()?.(command, ...args);
}

/** Starts the widget; a second boot is ignored until shutdown(). */
export function boot(options: BootOptions): void {
  if (!parley()) return;
  load(options.apiBase);
  call('boot', options);
}
export const open = (): void => void call('open');
export const close = (): void => void call('close');
export const toggle = (): void => void call('toggle');
/** The visitor signed in on your site: their conversation carries over to their account. */
export const identify = (userToken: string): void => void call('identify', userToken);
export const update = (options: UpdateOptions): void => void call('update', options);
/** The visitor signed out: forget the session on this browser and remove the widget. */
export const shutdown = (): void => void call('shutdown');
/** Opens the chat with this text in the composer, ready to send or edit. */
export const showNewMessage = (text?: string): void => void call('showNewMessage', text);
export const showLauncher = (): void => void call('showLauncher');
export const hideLauncher = (): void => void call('hideLauncher');
/** true: the visitor consents to the chat storing data; false: forget everything it stored and wait for consent again. */
export const consent = (given: boolean): void => void call('consent', given);
/** The visitor's id once their session is open (also in the 'ready' event); undefined before. */
export const getVisitorId = (): string | undefined => {
  const id = call('getVisitorId');
  return typeof id === 'string' ? id : undefined;
};
export const on = <E extends WidgetEventName>(event: E, listener: WidgetListener<E>): void => void call('on', event, listener);
export const off = <E extends WidgetEventName>(event: E, listener: WidgetListener<E>): void => void call('off', event, listener);
