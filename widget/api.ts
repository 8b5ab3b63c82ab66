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
  <E extends WidgetEventName>(cmd: 'on' | 'off', event: E, listener: WidgetListener<E>): void;
}

/** What the lazily loaded UI (ui.js) returns when mounted; the front forwards commands to it. */
export interface WidgetController {
  open(): void;
  close(): void;
  toggle(): void;
  identify(userToken: string): void;
  update(options: UpdateOptions): void;
  /** Forget the anonymous session (storage), disconnect and remove the UI. */
  shutdown(): void;
}

export interface MountArgs {
  /** The <parley-widget> element at the end of body, and its shadow root (the UI renders only there). */
  host: HTMLElement;
  root: ShadowRoot;
  options: ResolvedBootOptions;
  emit: <E extends WidgetEventName>(event: E, data: WidgetEvents[E]) => void;
}
export type MountFn = (args: MountArgs) => WidgetController | Promise<WidgetController>;

export interface ResolvedBootOptions extends BootOptions {
  siteKey: string;
  apiBase: string;
}

/** Storage keys are all under this prefix so shutdown can forget everything of one site. */
export function storagePrefix(siteKey: string): string {
  return 'parley:' + siteKey + ':';
}
