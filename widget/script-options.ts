import type { BootOptions, WidgetPosition } from './api.ts';

/** Where ui.js lives: beside widget.js, except /widget.js at the root, whose parts are under /widget/. */
export function uiUrlFor(scriptSrc: string): string {
  const u = new URL(scriptSrc);
  return new URL(u.pathname.lastIndexOf('/') === 0 ? '/widget/ui.js' : 'ui.js', u).href;
}

export function readScriptOptions(script: HTMLScriptElement): BootOptions {
  const d = script.dataset;
  const z = Number(d.zIndex);
  return {
    siteKey: d.site,
    position: d.position as WidgetPosition | undefined,
    zIndex: d.zIndex && Number.isFinite(z) ? z : undefined,
    locale: d.locale,
    color: d.color,
    apiBase: d.api || new URL(script.src).origin,
  };
}
