import type { KeyValueStorage } from './api.ts';

/** A Map-backed KeyValueStorage: the fallback when localStorage is missing or throws, and for tests. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

/**
 * A JSON value under one key. Storage can throw (quota, Safari private mode, sandboxed iframe) or
 * hold garbage from an older build; then the in-memory copy keeps the client working for this page.
 */
export function jsonSlot<T>(storage: KeyValueStorage, key: string, fallback: () => T) {
  let memory: T | undefined;
  return {
    read(): T {
      try {
        const raw = storage.getItem(key);
        if (raw !== null) return (memory = JSON.parse(raw) as T);
        // Nothing stored: either never written, or writes fail and memory is all there is.
        return memory ?? fallback();
      } catch {
        return memory ?? fallback();
      }
    },
    write(value: T) {
      memory = value;
      try {
        storage.setItem(key, JSON.stringify(value));
      } catch {
        // Keep the in-memory copy; the page keeps working, it just will not survive a reload.
      }
    },
  };
}
