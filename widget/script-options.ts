import type { BootOptions, WidgetPosition } from './api.ts';

/** A lazy entry's file: the build bakes in its content-hashed name (ui.1a2b3c4d5e.js); unbuilt, `<entry>.js`. */
export function chunkFile(entry: string): string {
  return (typeof __PARLEY_CHUNKS__ !== 'undefined' && __PARLEY_CHUNKS__[entry]) || entry + '.js';
}

/** Where the UI lives: beside widget.js, except /widget.js at the root, whose parts are under /widget/. */
export function uiUrlFor(scriptSrc: string, file = chunkFile('ui')): string {
  const u = new URL(scriptSrc);
  return new URL(u.pathname.lastIndexOf('/') === 0 ? '/widget/' + file : file, u).href;
}

export function readScriptOptions(script: HTMLScriptElement): BootOptions {
  const d = script.dataset;
  // Only an integer is a z-index (boot-options.ts checks the range); anything else is no option at all.
  const z = d.zIndex && /^-?\d{1,10}$/.test(d.zIndex) ? Number(d.zIndex) : undefined;
  return {
    siteKey: d.site,
    position: d.position as WidgetPosition | undefined,
    zIndex: z,
    locale: d.locale,
    color: d.color,
    apiBase: d.api || new URL(script.src).origin,
    ...(d.requireConsent !== undefined && d.requireConsent !== 'false' ? { requireConsent: true } : {}),
    ...(script.nonce ? { nonce: script.nonce } : {}),
  };
}
