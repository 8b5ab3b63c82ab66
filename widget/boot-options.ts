import type { BootOptions, ResolvedBootOptions } from './api.ts';

/**
 * The page's boot options as the widget uses them: each option that reaches CSS or markup is checked,
 * and a bad one is dropped with a warning rather than passed on (issue 17: a zIndex of
 * `1;}</style><img onerror=...>` ran script). zIndex: an integer of CSS's range; color: a value the
 * browser parses as a color; position: one of the two sides (else the site's setting).
 */
export function resolveOptions(merged: BootOptions & { siteKey: string }, isColor: (c: string) => boolean = cssColor, warn: (m: string) => void = warnOnce): ResolvedBootOptions {
  const out: ResolvedBootOptions = {
    ...merged,
    apiBase: (merged.apiBase || '').replace(/\/$/, ''),
  };
  // Unset unless the page says: the site's setting (known once the UI loads) decides then.
  if (merged.position !== 'bottom-left' && merged.position !== 'bottom-right') delete out.position;
  const z = merged.zIndex;
  if (z !== undefined && !(typeof z === 'number' && Number.isInteger(z) && Math.abs(z) <= 2147483647)) {
    warn('zIndex must be an integer');
    delete out.zIndex;
  }
  if (merged.color !== undefined && !(typeof merged.color === 'string' && isColor(merged.color))) {
    warn('color must be a CSS color');
    delete out.color;
  }
  if (merged.position !== undefined && merged.position !== 'bottom-left' && merged.position !== 'bottom-right') warn('position must be bottom-right or bottom-left');
  return out;
}

function cssColor(c: string): boolean {
  try {
    return CSS.supports('color', c);
  } catch {
    return false;
  }
}

function warnOnce(message: string): void {
  try {
    console.warn('Parley: ' + message + '; ignored.');
  } catch {
    /* no console */
  }
}
