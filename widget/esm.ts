import type { BootOptions, UpdateOptions, WidgetEventName, WidgetListener } from './api.ts';
import { createFront, type Front } from './front.ts';
import { mount } from './ui/mount.tsx';

/**
 * parley.esm.js — the same API as the script tag, for single-page apps:
 *   import { boot, open, on } from 'https://HOST/widget/parley.esm.js';
 *   boot({ siteKey: 'KEY' });
 * The UI is a static import, so boot mounts it at once; lazy parts and locales are chunks beside this
 * module (widget/rollup.parts.mjs), loaded by import() relative to its URL. The server defaults to the origin this module was
 * loaded from (pass apiBase when you bundle it yourself). Nothing runs at import time (SSR-safe).
 */
export type { BootOptions, UpdateOptions, WidgetEventName, WidgetEvents, WidgetListener, WidgetPosition } from './api.ts';

let front: Front | null = null;
function call(cmd: string, ...args: unknown[]): unknown {
  if (typeof window === 'undefined') return undefined;
  front ||= createFront({
    win: window,
    defaults: { apiBase: moduleOrigin() },
    load: () => Promise.resolve(mount),
    whenIdle: (fn) => fn(),
  });
  return front.call(cmd, ...args);
}

function moduleOrigin(): string | undefined {
  try {
    const u = new URL(import.meta.url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export const boot = (options: BootOptions): void => void call('boot', options);
export const open = (): void => void call('open');
export const close = (): void => void call('close');
export const toggle = (): void => void call('toggle');
export const identify = (userToken: string): void => void call('identify', userToken);
export const update = (options: UpdateOptions): void => void call('update', options);
export const shutdown = (): void => void call('shutdown');
export const showNewMessage = (text?: string): void => void call('showNewMessage', text);
export const showLauncher = (): void => void call('showLauncher');
export const hideLauncher = (): void => void call('hideLauncher');
export const consent = (given: boolean): void => void call('consent', given);
export const getVisitorId = (): string | undefined => call('getVisitorId') as string | undefined;
export const on = <E extends WidgetEventName>(event: E, listener: WidgetListener<E>): void => void call('on', event, listener);
export const off = <E extends WidgetEventName>(event: E, listener: WidgetListener<E>): void => void call('off', event, listener);
