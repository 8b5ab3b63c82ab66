import type { ClientEnv, KeyValueStorage, SocketLike, WakeReason } from './api.ts';
import { memoryStorage } from './storage.ts';

export interface BrowserEnvOptions {
  /** ws(s)://host/ws; a relative http(s) URL is turned into ws(s). */
  url: string;
  token: string | (() => string);
  storageKey: string;
}

/**
 * ClientEnv from the browser window. It must never throw into the host page: storage that throws
 * (Safari private mode, sandboxed iframes, disabled cookies) falls back to memory, and missing
 * APIs fall back to weaker ones.
 */
export function browserEnv({ url, token, storageKey }: BrowserEnvOptions): ClientEnv {
  const g = globalThis as typeof globalThis & { window?: Window; document?: Document };
  return {
    url: toWsUrl(url),
    token: typeof token === 'function' ? token : () => token,
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: Math.random,
    storage: safeLocalStorage(),
    storageKey,
    randomId: () => (typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : fallbackUuid()),
    onWake(fn) {
      const w = g.window;
      const d = g.document;
      if (!w || !d) return () => {};
      const onVisible = () => {
        if (d.visibilityState === 'visible') fn('visible');
      };
      // 'offline' too: the socket may still look open, but with no network it is dead, and the visitor
      // should be told at once, not after a missed heartbeat (up to a minute later).
      const onOnline = () => fn('online');
      const onOffline = () => fn('offline' satisfies WakeReason);
      w.addEventListener('online', onOnline);
      w.addEventListener('offline', onOffline);
      d.addEventListener('visibilitychange', onVisible);
      return () => {
        w.removeEventListener('online', onOnline);
        w.removeEventListener('offline', onOffline);
        d.removeEventListener('visibilitychange', onVisible);
      };
    },
  };
}

function toWsUrl(url: string): string {
  try {
    const loc = (globalThis as { location?: Location }).location;
    const u = new URL(url, loc?.href);
    if (u.protocol === 'http:') u.protocol = 'ws:';
    if (u.protocol === 'https:') u.protocol = 'wss:';
    return u.toString();
  } catch {
    return url;
  }
}

/** localStorage when it works (reading the property itself can throw), memory otherwise. */
export function safeLocalStorage(): KeyValueStorage {
  const memory = memoryStorage();
  let real: Storage | undefined;
  try {
    real = globalThis.localStorage;
    const probe = '__parley_probe__';
    real.setItem(probe, probe);
    real.removeItem(probe);
  } catch {
    real = undefined;
  }
  if (!real) return memory;
  const ls = real;
  // A call may still throw later (quota exceeded): from then on this page carries on in memory.
  let broken = false;
  return {
    getItem(k) {
      if (!broken) {
        try {
          return ls.getItem(k);
        } catch {
          broken = true;
        }
      }
      return memory.getItem(k);
    },
    setItem(k, v) {
      if (!broken) {
        try {
          return ls.setItem(k, v);
        } catch {
          broken = true;
        }
      }
      memory.setItem(k, v);
    },
    removeItem(k) {
      memory.removeItem(k);
      try {
        ls.removeItem(k);
      } catch {
        // nothing to remove
      }
    },
  };
}

function fallbackUuid(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${hex(4)}-${hex(12)}`;
}
