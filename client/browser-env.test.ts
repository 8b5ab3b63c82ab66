import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, safeLocalStorage } from './browser-env.ts';

/** Runs fn with globalThis properties replaced, restoring them after. */
function withGlobals(globals: Record<string, unknown>, fn: () => void) {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const [k, v] of Object.entries(globals)) {
    saved.set(k, Object.getOwnPropertyDescriptor(globalThis, k));
    Object.defineProperty(globalThis, k, { configurable: true, get: () => (typeof v === 'function' && k === 'localStorage' ? (v as () => unknown)() : v) });
  }
  try {
    fn();
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete (globalThis as Record<string, unknown>)[k];
    }
  }
}

const mapStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

test('uses localStorage when it works', () => {
  const ls = mapStorage();
  withGlobals({ localStorage: () => ls }, () => {
    const s = safeLocalStorage();
    s.setItem('a', '1');
    assert.equal(ls.m.get('a'), '1');
    assert.equal(s.getItem('a'), '1');
  });
});

test('falls back to memory when reading localStorage throws (sandboxed iframe) or writes throw (private mode)', () => {
  withGlobals({ localStorage: () => { throw new DOMException('denied', 'SecurityError'); } }, () => {
    const s = safeLocalStorage();
    s.setItem('a', '1');
    assert.equal(s.getItem('a'), '1');
  });
  const quota = { ...mapStorage(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
  withGlobals({ localStorage: () => quota }, () => {
    const s = safeLocalStorage();
    s.setItem('a', '1');
    assert.equal(s.getItem('a'), '1');
  });
});

test('a later quota error switches to memory without losing the value', () => {
  const ls = mapStorage();
  let full = false;
  const flaky = { ...ls, setItem: (k: string, v: string) => { if (full) throw new Error('quota'); ls.setItem(k, v); } };
  withGlobals({ localStorage: () => flaky }, () => {
    const s = safeLocalStorage();
    s.setItem('a', '1');
    full = true;
    s.setItem('a', '2');
    assert.equal(s.getItem('a'), '2');
  });
});

test('onWake fires on `online`, `offline` and when the tab becomes visible, and its disposer removes them', () => {
  const target = () => {
    const listeners = new Map<string, Set<() => void>>();
    return {
      addEventListener: (t: string, f: () => void) => void (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(f),
      removeEventListener: (t: string, f: () => void) => void listeners.get(t)?.delete(f),
      fire: (t: string) => listeners.get(t)?.forEach((f) => f()),
    };
  };
  const win = target();
  const doc = Object.assign(target(), { visibilityState: 'hidden' });
  withGlobals({ window: win, document: doc, localStorage: () => mapStorage() }, () => {
    const env = browserEnv({ url: 'https://chat.example/ws', token: 't', storageKey: 'k' });
    assert.equal(env.url, 'wss://chat.example/ws');
    assert.equal(env.token(), 't');
    const woke: string[] = [];
    const off = env.onWake!((reason) => woke.push(reason));
    win.fire('online');
    doc.fire('visibilitychange'); // still hidden
    doc.visibilityState = 'visible';
    doc.fire('visibilitychange');
    win.fire('offline'); // the client drops its socket now rather than wait for a missed heartbeat
    assert.deepEqual(woke, ['online', 'visible', 'offline']);
    off();
    win.fire('online');
    win.fire('offline');
    assert.equal(woke.length, 3);
    assert.match(env.randomId!(), /^[0-9a-f-]{36}$/);
  });
});
