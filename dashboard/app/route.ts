import { createStore, type Store } from '../state/store.ts';

/**
 * Where the dashboard is, as a URL: the inbox (/dashboard/, /dashboard/c/<conversation>) or the
 * settings area (/dashboard/settings, /dashboard/settings/<section>). Pages are real history entries,
 * so deep links, reloads and the back button work; choosing a conversation replaces the entry
 * instead (walking the inbox with j/k should not fill the history).
 */
export type Route = { page: 'inbox'; conversationId: string | null } | { page: 'settings'; section: string | null };

export function parseRoute(pathname: string): Route {
  const settings = /^\/dashboard\/settings(?:\/([^/]+))?\/?$/.exec(pathname);
  if (settings) return { page: 'settings', section: settings[1] ? safeDecode(settings[1]) : null };
  const conv = /^\/dashboard\/c\/([^/]+)/.exec(pathname);
  return { page: 'inbox', conversationId: conv ? safeDecode(conv[1]) : null };
}

export function routePath(r: Route): string {
  if (r.page === 'settings') return r.section ? `/dashboard/settings/${encodeURIComponent(r.section)}` : '/dashboard/settings';
  return r.conversationId ? `/dashboard/c/${encodeURIComponent(r.conversationId)}` : '/dashboard/';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface Router {
  route: Store<Route>;
  /** Goes to a page: a new history entry, or (`replace`) the current one rewritten. */
  go(r: Route, replace?: boolean): void;
  dispose(): void;
}

/** The router over the browser's location and history (injected so it is tested without a browser). */
export function createRouter(loc: { pathname: string }, history: Pick<History, 'pushState' | 'replaceState'>, win: Pick<Window, 'addEventListener' | 'removeEventListener'>): Router {
  const route = createStore<Route>(parseRoute(loc.pathname));
  const onPop = () => route.set(parseRoute(loc.pathname));
  win.addEventListener('popstate', onPop);
  return {
    route,
    go(r, replace = false) {
      const path = routePath(r);
      if (path !== loc.pathname) (replace ? history.replaceState : history.pushState).call(history, null, '', path);
      route.set(r);
    },
    dispose: () => win.removeEventListener('popstate', onPop),
  };
}
