import type { ContextUpdate, VisitorContext } from '../protocol/index.ts';
import type { ContextAttributes, UpdateOptions } from './api.ts';

/**
 * What staff see about where the visitor is: page, referrer, language, time zone and local time.
 * Collected on session start and again on SPA navigations (popstate / hashchange; we do not patch
 * history.pushState — SPAs that navigate with pushState call Parley('update', {url, title})).
 */
export function collectContext(win: Window, attributes?: ContextAttributes): VisitorContext {
  const ctx: VisitorContext = {
    url: win.location.href,
    title: win.document.title,
    referrer: win.document.referrer || undefined,
    language: win.navigator.language,
    timezone: safe(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    localTime: localIsoTime(new Date()),
    userAgent: win.navigator.userAgent,
  };
  if (attributes && Object.keys(attributes).length) ctx.attributes = cleanAttributes(attributes);
  return ctx;
}

/**
 * The context.update payload: the page context, the host's url/title overrides (SPAs), and the
 * pre-chat email, which the server stores on the visitor (unverified), not among the attributes.
 */
export function contextUpdate(ctx: VisitorContext, o: UpdateOptions, email?: string, teamId?: string): ContextUpdate {
  const out: ContextUpdate = { ...ctx };
  if (o.url) out.url = o.url;
  if (o.title) out.title = o.title;
  if (email) out.email = email;
  if (teamId) out.teamId = teamId;
  return out;
}

/** ISO 8601 local time with the UTC offset, e.g. 2024-05-01T14:03:00+02:00. */
export function localIsoTime(d: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  return (
    d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' +
    pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + (off >= 0 ? '+' : '-') + pad(off / 60) + ':' + pad(off % 60)
  );
}

/** Keeps only string, number and boolean values (the protocol's attribute types). */
export function cleanAttributes(a: ContextAttributes): ContextAttributes {
  const out: ContextAttributes = {};
  for (const k in a) {
    const v = a[k];
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** Calls `fn` after popstate / hashchange; returns the disposer. */
export function watchNavigation(win: Window, fn: () => void): () => void {
  // After popstate the title may still be the old page's; read it a tick later.
  const later = () => win.setTimeout(fn, 50);
  win.addEventListener('popstate', later);
  win.addEventListener('hashchange', later);
  return () => {
    win.removeEventListener('popstate', later);
    win.removeEventListener('hashchange', later);
  };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
