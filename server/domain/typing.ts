import type { Actor } from '../../protocol/index.ts';
import type { Timers } from './domain.ts';

/**
 * Ephemeral typing indicators. A `typing: true` must be refreshed within `ttlMs` or it expires by
 * itself (a closed laptop must not type forever). Watchers expire the indicator on their own after
 * the same ttl (in case the stop is lost), so a refresh is passed on too, but at most once per
 * `ttlMs / 3`: often enough that a watcher's timer never runs out while the person keeps typing,
 * and that a watcher who opened the conversation mid-sentence sees it, rarely enough that a client
 * refreshing fast does not flood the other side.
 */
export interface TypingTracker {
  /** Returns true when the change should be published: a start, a stop while typing, or a due refresh. */
  set(conversationId: string, actor: Actor, typing: boolean, onExpire: () => void): boolean;
  isTyping(conversationId: string, actor: Actor): boolean;
  /** Clears every pending expiry without reporting. */
  clear(): void;
}

interface Indicator {
  expiry: unknown;
  publishedAt: number;
}

export function createTypingTracker(ttlMs: number, timers: Timers, now: () => number = Date.now): TypingTracker {
  const active = new Map<string, Indicator>();
  const keyOf = (conversationId: string, actor: Actor) => `${conversationId}|${actor.kind}:${actor.id}`;
  const refreshEveryMs = ttlMs / 3;

  return {
    set(conversationId, actor, typing, onExpire) {
      const k = keyOf(conversationId, actor);
      const pending = active.get(k);
      if (pending !== undefined) timers.clearTimeout(pending.expiry);
      if (!typing) {
        active.delete(k);
        return pending !== undefined;
      }
      const t = now();
      const publish = pending === undefined || t - pending.publishedAt >= refreshEveryMs;
      const indicator: Indicator = { expiry: null, publishedAt: publish ? t : pending!.publishedAt };
      indicator.expiry = timers.setTimeout(() => {
        if (active.get(k) !== indicator) return;
        active.delete(k);
        onExpire();
      }, ttlMs);
      active.set(k, indicator);
      return publish;
    },
    isTyping: (conversationId, actor) => active.has(keyOf(conversationId, actor)),
    clear() {
      for (const i of active.values()) timers.clearTimeout(i.expiry);
      active.clear();
    },
  };
}
