import type { Message } from '../protocol/index.ts';

/**
 * The widget's public JavaScript API. The same commands work three ways:
 *   Parley('open')                      — script tag (global function; calls before load are queued)
 *   window.Parley.q = [[...args]]        — the snippet's stub queue, drained when widget.js runs
 *   import { open } from 'parley.esm.js' — ESM build for single-page apps
 */
export type WidgetPosition = 'bottom-right' | 'bottom-left';
export type ContextAttributes = Record<string, string | number | boolean>;

export interface BootOptions {
  /** Public site key; defaults to the script tag's data-site. */
  siteKey?: string;
  /** A JWT signed by the site's backend with the site's identity secret (identified visitor). */
  userToken?: string;
  /** 'en', 'de', ... ; defaults to data-locale, then navigator.language. */
  locale?: string;
  /** Accent color (any CSS color); overrides the site's setting. */
  color?: string;
  position?: WidgetPosition;
  zIndex?: number;
  /** Custom attributes staff see beside the conversation (strings, numbers, booleans). */
  attributes?: ContextAttributes;
  /** Server base URL; defaults to the origin widget.js was loaded from. */
  apiBase?: string;
  /** Start with the launcher hidden (open it with Parley('open')). */
  hideLauncher?: boolean;
  /**
   * A CSP nonce for the widget's styles in browsers without constructable stylesheets (Safari < 16.4);
   * defaults to the nonce of the widget.js script tag. Other browsers need none (see docs/embedding.md).
   */
  nonce?: string;
  /**
   * Privacy: load nothing beyond widget.js and store nothing (no localStorage, cookies or IndexedDB)
   * until the visitor opens the chat or the page calls Parley('consent', true); Parley('consent', false)
   * forgets everything again. The script tag's data-require-consent; on when the site's privacy
   * setting requireConsent is (the server then creates no visitor without consent).
   */
  requireConsent?: boolean;
}

/** Parley('update', ...): page info for SPAs that navigate without popstate, or new attributes. */
export interface UpdateOptions {
  url?: string;
  title?: string;
  attributes?: ContextAttributes;
}

export interface WidgetEvents {
  /** The session is open and the widget is connected for the first time. */
  ready: { visitorId: string };
  open: Record<string, never>;
  close: Record<string, never>;
  /** A committed message arrived live (from staff, or from the visitor's other tab). */
  message: { message: Message };
  /** Unread staff messages changed. */
  'unread-count': { count: number };
}
export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<E extends WidgetEventName = WidgetEventName> = (data: WidgetEvents[E]) => void;

export interface ParleyFunction {
  (cmd: 'boot', options?: BootOptions): void;
  (cmd: 'open' | 'close' | 'toggle' | 'shutdown'): void;
  (cmd: 'identify', userToken: string): void;
  (cmd: 'update', options: UpdateOptions): void;
  /** Opens the chat with this text in the composer, ready to send (or edit). */
  (cmd: 'showNewMessage', text?: string): void;
  (cmd: 'showLauncher' | 'hideLauncher'): void;
  /** true: the visitor consents to the chat storing data; false: forget everything stored, wait for consent again. */
  (cmd: 'consent', given: boolean): void;
  /** The visitor's id once the session is open (also in the 'ready' event); undefined before. */
  (cmd: 'getVisitorId'): string | undefined;
  <E extends WidgetEventName>(cmd: 'on' | 'off', event: E, listener: WidgetListener<E>): void;
}

/** What the lazily loaded UI (ui.js) returns when mounted; the front forwards commands to it. */
export interface WidgetController {
  open(): void;
  close(): void;
  toggle(): void;
  identify(userToken: string): void;
  update(options: UpdateOptions): void;
  showNewMessage(text?: string): void;
  showLauncher(): void;
  hideLauncher(): void;
  getVisitorId(): string | undefined;
  /** The visitor consented (Parley('consent', true)): a session the site refused without it opens now. */
  consent(): void;
  /** Forget the anonymous session (storage), disconnect and remove the UI. */
  shutdown(): void;
}

export interface MountArgs {
  /** The <parley-widget> element at the end of body, and its shadow root (the UI renders only there). */
  host: HTMLElement;
  root: ShadowRoot;
  options: ResolvedBootOptions;
  emit: <E extends WidgetEventName>(event: E, data: WidgetEvents[E]) => void;
  /** style-sheet.ts's addSheet, which the loader carries for its own launcher: the UI uses it rather than a second copy. */
  addSheet: (root: ShadowRoot, css: string) => () => void;
  /** The visitor consented in the UI (opened the chat): the front remembers it (front.ts). */
  consent: () => void;
}
export type MountFn = (args: MountArgs) => WidgetController | Promise<WidgetController>;

export interface ResolvedBootOptions extends BootOptions {
  siteKey: string;
  apiBase: string;
  /** The visitor consented (front.ts): the session says so, for sites that ask for consent. */
  consented?: boolean;
}

/** Storage keys are all under this prefix so shutdown can forget everything of one site. */
export function storagePrefix(siteKey: string): string {
  return 'parley:' + siteKey + ':';
}

/** Where the visitor's consent is remembered (under the site's prefix, so shutdown forgets it too). */
export const consentKey = (siteKey: string): string => storagePrefix(siteKey) + 'consent';
