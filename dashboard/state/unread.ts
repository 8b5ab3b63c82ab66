import type { EphemeralEvent, InboxItem } from '../../protocol/index.ts';

/**
 * This agent's unread counts. The server is the only source (read cursors, never guessed).
 * Each `unread` event carries the agent's complete picture: every conversation with unread
 * messages (zeros are left out) and the site total. So once one arrived, a conversation that is
 * not in `counts` has nothing unread, and inbox pages (possibly older than the event) no longer
 * seed anything. Before the first event, pages seed the counts so rows do not flash empty.
 */
export interface UnreadState {
  counts: Record<string, number>;
  total: number;
  /** True once an `unread` event arrived. */
  live: boolean;
}

export const emptyUnread: UnreadState = { counts: {}, total: 0, live: false };

type UnreadEvent = Extract<EphemeralEvent, { kind: 'unread' }>;

export function applyUnreadEvent(_state: UnreadState, event: UnreadEvent): UnreadState {
  const counts: Record<string, number> = {};
  for (const [id, n] of Object.entries(event.counts)) if (n > 0) counts[id] = n;
  return { counts, total: Math.max(0, event.total), live: true };
}

export function seedUnread(state: UnreadState, items: Pick<InboxItem, 'id' | 'unread'>[]): UnreadState {
  if (state.live) return state;
  let counts: Record<string, number> | null = null;
  for (const item of items) {
    if (item.id in state.counts) continue;
    counts ??= { ...state.counts };
    counts[item.id] = item.unread;
  }
  if (!counts) return state;
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0), live: false };
}

export function unreadOf(state: UnreadState, conversationId: string): number {
  return state.counts[conversationId] ?? 0;
}
