import type { RealtimeClient } from '../../client/api.ts';
import type { DurableEvent, Message, Visitor } from '../../protocol/index.ts';
import type { DashboardApi } from '../api.ts';
import { errorText } from '../i18n/error-text.ts';
import {
  applyConversationEvent,
  emptyConversation,
  holdsSeq,
  newestSeq,
  oldestSeq,
  setStaffTyping,
  setVisitorTyping,
  withDetails,
  withPage,
  withVisitorUpdate,
  type ConversationState,
} from '../state/conversation.ts';
import { createStore } from '../state/store.ts';

/**
 * The open conversation: loads details and the newest history page, older pages on demand,
 * applies live events, and moves this agent's read cursor (the server then pushes new unread
 * counts to all of the agent's tabs). Typing indicators (the visitor's, each colleague's) expire on
 * their own after typingTtlMs in case the "stopped" event is lost. Opened from a search hit, it
 * loads older pages until the hit's message is there (focusSeq).
 */
export interface ConversationControllerDeps {
  api: DashboardApi;
  client: RealtimeClient;
  isVisible: () => boolean;
  typingTtlMs: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (h: unknown) => void;
  pageSize?: number;
  /** Page size while loading back to a focused message (at most the server's maxPageSize). */
  focusPageSize?: number;
}

export function createConversationController(d: ConversationControllerDeps) {
  const store = createStore<ConversationState | null>(null);
  const pageSize = d.pageSize ?? 50;
  const focusPageSize = d.focusPageSize ?? 200;
  let typingTimer: unknown = null;
  const staffTimers = new Map<string, unknown>();
  let lastReadSent = 0;

  const current = (id: string): ConversationState | null => {
    const s = store.get();
    return s && s.id === id ? s : null;
  };

  /** Opens a conversation on its newest page; with `focusSeq`, then goes back to that message. */
  async function open(id: string | null, focusSeq: number | null = null): Promise<void> {
    if (id && store.get()?.id === id) {
      if (focusSeq !== null) await focus(id, focusSeq);
      return;
    }
    clearTyping();
    lastReadSent = 0;
    if (!id) return store.set(null);
    store.set({ ...emptyConversation(id), focusSeq });
    try {
      const [details, page] = await Promise.all([d.api.conversation(id), d.api.history(id, null, pageSize)]);
      const s = current(id);
      if (!s) return;
      store.set(withPage(withDetails(s, details.conversation, details.visitor), page, false));
      markRead();
    } catch (err) {
      const s = current(id);
      if (s) store.set({ ...s, error: errorText(err) });
      return;
    }
    if (focusSeq !== null) await loadBackTo(id, focusSeq);
  }

  async function focus(id: string, seq: number): Promise<void> {
    const s = current(id);
    if (!s) return;
    store.set({ ...s, focusSeq: seq });
    await loadBackTo(id, seq);
  }

  /** Older pages until `seq` is held; stops when the agent moved on, history ends, or a load fails. */
  async function loadBackTo(id: string, seq: number): Promise<void> {
    for (;;) {
      const s = current(id);
      if (!s || s.focusSeq !== seq || holdsSeq(s, seq)) return;
      const before = oldestSeq(s);
      await loadOlder(focusPageSize);
      const after = current(id);
      if (!after || oldestSeq(after) === before) return;
    }
  }

  /** Reload details and the newest page (after a reconnect that could not replay everything). */
  async function refresh(): Promise<void> {
    const s = store.get();
    if (!s) return;
    const id = s.id;
    try {
      const [details, page] = await Promise.all([d.api.conversation(id), d.api.history(id, null, pageSize)]);
      const cur = current(id);
      if (cur) store.set(withPage(withDetails(cur, details.conversation, details.visitor), page, false));
    } catch {
      // Keep what we show; live events continue.
    }
  }

  async function loadOlder(limit = pageSize): Promise<void> {
    const s = store.get();
    if (!s || !s.hasMore || s.loadingOlder) return;
    const before = oldestSeq(s);
    if (before === null) return;
    store.set({ ...s, loadingOlder: true });
    try {
      const page = await d.api.history(s.id, before, limit);
      const cur = current(s.id);
      if (cur) store.set(withPage(cur, page, true));
    } catch (err) {
      const cur = current(s.id);
      if (cur) store.set({ ...cur, loadingOlder: false, error: errorText(err) });
    }
  }

  /** Opening (or watching) a conversation reads it up to its newest event. */
  function markRead(): void {
    const s = store.get();
    if (!s || !s.conversation || !d.isVisible()) return;
    const seq = newestSeq(s);
    if (seq <= lastReadSent) return;
    lastReadSent = seq;
    d.client.request({ type: 'read', conversationId: s.id, seq }).catch(() => {
      lastReadSent = 0; // try again on the next event or focus
    });
  }

  function applyEvent(e: DurableEvent): void {
    const s = store.get();
    if (!s || s.id !== e.conversationId) return;
    store.set(applyConversationEvent(s, e));
    if (e.kind === 'message.created' && e.message.author.kind === 'visitor') markRead();
  }

  /** The ack of our own send carries the committed message; show it even before the event. */
  function acked(message: Message): void {
    const s = current(message.conversationId);
    if (s) store.set(withPage(s, { messages: [message], hasMore: s.hasMore }, false));
  }

  function visitorTyping(conversationId: string, typing: boolean): void {
    const s = current(conversationId);
    if (!s) return;
    clearTyping();
    store.set(setVisitorTyping(s, typing));
    if (typing) typingTimer = d.setTimeout(() => visitorTyping(conversationId, false), d.typingTtlMs());
  }

  /** A colleague typing here (never me: the workspace filters my own events). */
  function staffTyping(conversationId: string, staffId: string, name: string, typing: boolean): void {
    const s = current(conversationId);
    if (!s) return;
    const timer = staffTimers.get(staffId);
    if (timer !== undefined) d.clearTimeout(timer);
    staffTimers.delete(staffId);
    store.set(setStaffTyping(s, staffId, typing ? name : null));
    if (typing) staffTimers.set(staffId, d.setTimeout(() => staffTyping(conversationId, staffId, name, false), d.typingTtlMs()));
  }

  function visitorUpdated(visitor: Visitor, conversationIds: string[]): void {
    const s = store.get();
    if (s) store.set(withVisitorUpdate(s, visitor, conversationIds));
  }

  function clearTyping(): void {
    if (typingTimer !== null) d.clearTimeout(typingTimer);
    typingTimer = null;
    for (const t of staffTimers.values()) d.clearTimeout(t);
    staffTimers.clear();
  }

  return { store, open, refresh, loadOlder: () => loadOlder(), markRead, applyEvent, acked, visitorTyping, staffTyping, visitorUpdated, dispose: clearTyping };
}

export type ConversationController = ReturnType<typeof createConversationController>;
