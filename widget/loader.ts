import type { MountFn } from './api.ts';
import { createFront, replayQueue } from './front.ts';
import { readScriptOptions, uiUrlFor } from './script-options.ts';

/**
 * widget.js — what the site's script tag loads. Tiny on purpose (budget: 3 KB gzipped): it reads the
 * tag's data-* attributes, installs the global `Parley` function (draining the snippet's `Parley.q`),
 * draws the launcher, and loads the UI (ui.<hash>.js) only when the browser is idle or the launcher is clicked.
 *
 * ui.js registers itself by calling `Parley('__mount', mountFn)`, so `Parley` stays the only global.
 */
interface ParleyGlobal {
  (cmd: string, ...args: unknown[]): unknown;
  q?: ArrayLike<unknown>[];
  /** Marks a real (not stub) Parley so a second copy of widget.js does nothing. */
  v?: number;
}

function install(win: Window & { Parley?: ParleyGlobal }): void {
  const doc = win.document;
  const existing = win.Parley;
  if (existing && existing.v) return;
  const script = (doc.currentScript ||
    doc.querySelector('script[data-site][src*="widget"]') ||
    doc.querySelector('script[src*="widget.js"]')) as HTMLScriptElement | null;
  if (!script || !script.src) return;
  const uiUrl = uiUrlFor(script.src);
  let resolveMount: ((m: MountFn) => void) | null = null;

  const front = createFront({
    win,
    defaults: readScriptOptions(script),
    whenIdle: (fn) => {
      const ric = (win as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => void }).requestIdleCallback;
      if (ric) ric(fn, { timeout: 4000 });
      else win.setTimeout(fn, 1500);
    },
    load: () =>
      new Promise<MountFn>((resolve, reject) => {
        resolveMount = resolve;
        const s = doc.createElement('script');
        // The UI is an ES module, so the chunks it imports lazily resolve beside it.
        s.type = 'module';
        s.src = uiUrl;
        s.async = true;
        s.onerror = () => {
          s.remove();
          reject(new Error('ui.js failed to load'));
        };
        (doc.head || doc.documentElement).appendChild(s);
      }),
  });

  const parley: ParleyGlobal = (cmd: string, ...args: unknown[]) => {
    if (cmd === '__mount') {
      if (resolveMount && typeof args[0] === 'function') resolveMount(args[0] as MountFn);
      return;
    }
    return front.call(cmd, ...args);
  };
  parley.v = 1;
  win.Parley = parley;

  replayQueue(front.call, (existing && existing.q) || [], !!script.dataset.site);
}

try {
  install(window);
} catch (e) {
  // Never throw into the host page.
  try {
    console.error(e);
  } catch {
    /* no console */
  }
}
