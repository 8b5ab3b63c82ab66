import type { Actor } from '../../protocol/index.ts';
import type { Timers } from './domain.ts';

/**
 * Ephemeral typing indicators. A `typing: true` must be refreshed within `ttlMs` or it expires by
 * itself (a closed laptop must not type forever). Only transitions are reported, so a client
 * refreshing every few seconds does not flood the other side.
 */
export interface TypingTracker {
  /** Returns true when the state changed (start after idle, or stop while typing). */
  set(conversationId: string, actor: Actor, typing: boolean, onExpire: () => void): boolean;
  isTyping(conversationId: string, actor: Actor): boolean;
  /** Clears every pending expiry without reporting. */
  clear(): void;
}

export function createTypingTracker(ttlMs: number, timers: Timers): TypingTracker {
  const active = new Map<string, unknown>();
  const keyOf = (conversationId: string, actor: Actor) => `${conversationId}|${actor.kind}:${actor.id}`;

  return {
    set(conversationId, actor, typing, onExpire) {
      const k = keyOf(conversationId, actor);
      const pending = active.get(k);
      if (pending !== undefined) timers.clearTimeout(pending);
      if (!typing) {
        active.delete(k);
        return pending !== undefined;
      }
      const handle = timers.setTimeout(() => {
        if (active.get(k) !== handle) return;
        active.delete(k);
        onExpire();
      }, ttlMs);
      active.set(k, handle);
      return pending === undefined;
    },
    isTyping: (conversationId, actor) => active.has(keyOf(conversationId, actor)),
    clear() {
      for (const h of active.values()) timers.clearTimeout(h);
      active.clear();
    },
  };
}
