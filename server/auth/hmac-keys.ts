import { createHash } from 'node:crypto';

/**
 * HS256 keys as CryptoKeys. Handed raw bytes, jose imports the key again on every sign and verify
 * (about half the cost of a verification); imported once, it is reused. The key is the UTF-8 bytes of
 * the secret string, as before, so tokens signed either way verify either way.
 */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export interface HmacKeyCache {
  /** The imported key of this secret; a secret seen before (and not evicted) is not imported again. */
  get(secret: string): Promise<CryptoKey>;
  readonly size: number;
}

/**
 * Keys of site identity secrets, least recently used evicted beyond `max`. Entries are keyed by the
 * secret's SHA-256, so a rotated secret simply misses and gets its own key (the old one ages out),
 * and the cache's keys are not the secrets themselves.
 */
export function createHmacKeyCache(max = 256): HmacKeyCache {
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    get(secret) {
      const id = createHash('sha256').update(secret).digest('base64');
      let key = keys.get(id);
      if (key) {
        keys.delete(id); // re-inserted below: Map order is least recently used first
      } else {
        key = importHmacKey(secret);
        // A failed import is not kept (the next call tries again).
        key.catch(() => keys.get(id) === key && keys.delete(id));
        if (keys.size >= max) keys.delete(keys.keys().next().value!);
      }
      keys.set(id, key);
      return key;
    },
    get size() {
      return keys.size;
    },
  };
}
