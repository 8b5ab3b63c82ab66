/**
 * One tab of an agent rings. Every tab of the agent asks for the same Web Lock and holds it until it
 * closes; the browser grants it to one tab at a time, and to the next one as soon as that tab closes
 * or crashes, so exactly one of an agent's tabs (per browser profile) plays sounds and shows desktop
 * notifications while every tab shows the bell. Without Web Locks (old browsers), every tab leads:
 * a sound too many rather than none.
 */
export interface TabLeader {
  isLeader(): boolean;
  /** Gives the lock up (the tab signs out or closes). */
  dispose(): void;
}

interface LockManagerLike {
  request(name: string, opts: { signal?: AbortSignal }, fn: () => Promise<void>): Promise<void>;
}

export function createTabLeader(name: string, locks: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks): TabLeader {
  if (!locks) return { isLeader: () => true, dispose: () => {} };
  let leader = false;
  let release: (() => void) | null = null;
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => {
      leader = true;
      return new Promise<void>((resolve) => (release = resolve));
    })
    .catch(() => {}) // aborted before it was granted
    .finally(() => (leader = false));
  return {
    isLeader: () => leader,
    dispose() {
      abort.abort();
      release?.();
    },
  };
}
