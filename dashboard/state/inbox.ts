import { PRIORITIES, type Conversation, type ConversationStatus, type DurableEvent, type InboxItem, type Priority, type Visitor } from '../../protocol/index.ts';

/**
 * The live inbox list: the pages loaded so far, kept newest activity first and patched by
 * durable events. Pure functions; the controller (inbox-controller.ts) does the I/O.
 */
export type InboxView = 'mine' | 'unassigned' | 'all';

export interface InboxFilter {
  view: InboxView;
  status: ConversationStatus | null;
  /** Full-text query; while set the server decides membership, so live events only patch rows. */
  q: string;
  /** Only rows with this label ('' = any) / this priority (null = any). */
  label: string;
  priority: Priority | null;
  /** Only this team's rows ('' = any, 'none' = without a team). */
  team?: string;
  /** 'priority': most urgent first, then newest activity. */
  sort: 'activity' | 'priority';
}

export interface InboxState {
  filter: InboxFilter;
  byId: Record<string, InboxItem>;
  /** Ids, newest activity first. */
  order: string[];
  nextCursor: string | null;
  /** False until the first page of the current filter arrived. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

export const defaultFilter: InboxFilter = { view: 'all', status: 'open', q: '', label: '', priority: null, sort: 'activity' };

export function emptyInbox(filter: InboxFilter = defaultFilter): InboxState {
  return { filter, byId: {}, order: [], nextCursor: null, loaded: false, loading: false, error: null };
}

const rank = (p: Priority | undefined) => PRIORITIES.indexOf(p ?? 'none');

/** Newer activity first (more urgent first when sorted by priority); ties broken by id so the order is total and stable. */
export function compareItems(
  a: Pick<InboxItem, 'id' | 'lastActivityAt' | 'priority'>,
  b: Pick<InboxItem, 'id' | 'lastActivityAt' | 'priority'>,
  sort: InboxFilter['sort'] = 'activity',
): number {
  if (sort === 'priority' && rank(a.priority) !== rank(b.priority)) return rank(b.priority) - rank(a.priority);
  if (a.lastActivityAt !== b.lastActivityAt) return b.lastActivityAt - a.lastActivityAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function matchesFilter(c: Pick<Conversation, 'status' | 'assigneeId' | 'labels' | 'priority' | 'teamId'>, filter: InboxFilter, myId: string): boolean {
  if (filter.team && (c.teamId ?? 'none') !== filter.team) return false;
  if (filter.status && c.status !== filter.status) return false;
  if (filter.label && !(c.labels ?? []).includes(filter.label)) return false;
  if (filter.priority && (c.priority ?? 'none') !== filter.priority) return false;
  if (filter.view === 'mine') return c.assigneeId === myId;
  if (filter.view === 'unassigned') return c.assigneeId === null;
  return true;
}

/** Puts `id` at its sorted place (removing it first if present). O(n), fine for loaded pages. */
function place(order: string[], byId: Record<string, InboxItem>, id: string, sort: InboxFilter['sort']): string[] {
  const rest = order.filter((x) => x !== id);
  const item = byId[id];
  let i = 0;
  while (i < rest.length && compareItems(byId[rest[i]], item, sort) < 0) i++;
  rest.splice(i, 0, id);
  return rest;
}

/** Adds a fetched page (or single rows), replacing older copies of the same rows. */
export function addItems(state: InboxState, items: InboxItem[], nextCursor?: string | null): InboxState {
  const byId = { ...state.byId };
  for (const item of items) {
    const old = byId[item.id];
    // A row fetched by a page can be staler than what live events already told us.
    if (old && old.lastSeq > item.lastSeq) continue;
    byId[item.id] = item;
  }
  const order = Object.keys(byId).sort((a, b) => compareItems(byId[a], byId[b], state.filter.sort));
  return {
    ...state,
    byId,
    order,
    nextCursor: nextCursor === undefined ? state.nextCursor : nextCursor,
    loaded: nextCursor === undefined ? state.loaded : true,
  };
}

export function removeItem(state: InboxState, id: string): InboxState {
  if (!state.byId[id]) return state;
  const byId = { ...state.byId };
  delete byId[id];
  return { ...state, byId, order: state.order.filter((x) => x !== id) };
}

export interface ApplyResult {
  state: InboxState;
  /** A conversation that belongs in the list but is not loaded: fetch its row. */
  fetch?: string;
}

/** Patches the list with one durable event for an agent `myId`. */
export function applyInboxEvent(state: InboxState, event: DurableEvent, myId: string): ApplyResult {
  const id = event.conversationId;
  const item = state.byId[id];
  const searching = state.filter.q.trim() !== '';
  switch (event.kind) {
    case 'conversation.created':
    case 'conversation.updated': {
      // Event snapshots are the visitor's: no priority or labels; the row's own stay.
      const c = withTeamChange(item ? { ...item, ...event.conversation } : event.conversation, event);
      const fits = matchesFilter(c, state.filter, myId);
      if (!item) return { state, fetch: fits && !searching ? id : undefined };
      if (!fits) return { state: removeItem(state, id) };
      return { state: patch(state, { ...item, ...c }) };
    }
    case 'message.created': {
      const m = event.message;
      if (!item) {
        // An old conversation came back to life, or a new one we only know by its message.
        return { state, fetch: !searching ? id : undefined };
      }
      const lastMessage = { id: m.id, seq: m.seq, author: m.author, text: m.text, createdAt: m.createdAt, note: m.note };
      return {
        state: patch(state, {
          ...item,
          lastSeq: Math.max(item.lastSeq, event.seq),
          lastMessage: m.seq >= (item.lastMessage?.seq ?? 0) ? lastMessage : item.lastMessage,
          lastActivityAt: Math.max(item.lastActivityAt, m.createdAt),
        }),
      };
    }
    case 'message.deleted': {
      if (!item) return { state };
      const last = item.lastMessage;
      const lastMessage = last && last.id === event.messageId ? { ...last, text: '', deleted: true } : last;
      return { state: patch(state, { ...item, lastMessage, lastSeq: Math.max(item.lastSeq, event.seq) }) };
    }
    case 'conversation.rated':
      return { state: item ? patch(state, { ...item, rating: event.rating, lastSeq: Math.max(item.lastSeq, event.seq) }) : state };
    case 'conversation.triaged': {
      if (!item) return { state, fetch: !searching && (state.filter.label !== '' || state.filter.priority !== null) ? id : undefined };
      const next = { ...item, priority: event.priority, labels: event.labels, lastSeq: Math.max(item.lastSeq, event.seq) };
      return { state: matchesFilter(next, state.filter, myId) ? patch(state, next) : removeItem(state, id) };
    }
    case 'visitor.identified':
    case 'conversation.waiting':
      return { state: item ? patch(state, { ...item, lastSeq: Math.max(item.lastSeq, event.seq) }) : state };
    case 'conversation.erased':
      // Its visitor was erased (privacy): the row goes, tombstone or not (nothing of it is worth showing).
      return { state: removeItem(state, id) };
    case 'read.moved': {
      if (!item) return { state };
      const reads = item.reads.filter((r) => !(r.reader.kind === event.reader.kind && r.reader.id === event.reader.id));
      reads.push({ reader: event.reader, seq: event.upTo });
      return { state: patch(state, { ...item, reads, lastSeq: Math.max(item.lastSeq, event.seq) }) };
    }
  }
}

function patch(state: InboxState, next: InboxItem): InboxState {
  const byId = { ...state.byId, [next.id]: next };
  const prev = state.byId[next.id];
  const moved = !prev || prev.lastActivityAt !== next.lastActivityAt || prev.priority !== next.priority;
  return { ...state, byId, order: moved ? place(state.order, byId, next.id, state.filter.sort) : state.order };
}

/** Visitor online dots are presence, not inbox data: patch every row of that visitor. */
export function setVisitorOnline(state: InboxState, visitorId: string, online: boolean): InboxState {
  let byId: Record<string, InboxItem> | null = null;
  for (const id of state.order) {
    const item = state.byId[id];
    if (item.visitor.id === visitorId && item.visitorOnline !== online) {
      byId ??= { ...state.byId };
      byId[id] = { ...item, visitorOnline: online };
    }
  }
  return byId ? { ...state, byId } : state;
}

/**
 * A visitor changed name, email or identity (visitor.updated): every row of theirs shows it. Rows are
 * matched by visitor id, and by conversation id for rows still showing an anonymous visitor that an
 * identify merged into this one.
 */
export function applyVisitorUpdate(state: InboxState, visitor: Visitor, conversationIds: string[]): InboxState {
  const row = { id: visitor.id, name: visitor.name, email: visitor.email, label: visitor.label, identified: visitor.identified };
  let byId: Record<string, InboxItem> | null = null;
  for (const id of state.order) {
    const item = state.byId[id];
    if (item.visitor.id !== visitor.id && !conversationIds.includes(id)) continue;
    const v = item.visitor;
    if (v.id === row.id && v.name === row.name && v.email === row.email && v.label === row.label && v.identified === row.identified) continue;
    byId ??= { ...state.byId };
    byId[id] = { ...item, visitorId: visitor.id, visitor: row };
  }
  return byId ? { ...state, byId } : state;
}

/**
 * The id after/before `current` in list order (j/k navigation). When `current` just left the
 * list (resolved in an "open" view), `lastIndex` is where it was: the row below slid into it.
 */
export function neighbour(state: InboxState, current: string | null, step: 1 | -1, lastIndex = -1): string | null {
  const n = state.order.length;
  if (n === 0) return null;
  const i = current ? state.order.indexOf(current) : -1;
  let j: number;
  if (i !== -1) j = i + step;
  else if (current && lastIndex >= 0) j = step === 1 ? lastIndex : lastIndex - 1;
  else j = 0;
  return state.order[Math.min(n - 1, Math.max(0, j))];
}

/**
 * The row's team after an event: a conversation.updated naming a team change carries it. The snapshot's
 * teamId cannot say "none" over the row's (absent, not null) and events stored before snapshots had it lack it.
 */
export function withTeamChange<C extends Conversation>(c: C, event: DurableEvent): C {
  if (event.kind !== 'conversation.updated' || event.changes.teamId === undefined) return c;
  const { teamId: _old, ...rest } = c;
  return (event.changes.teamId === null ? rest : { ...rest, teamId: event.changes.teamId }) as C;
}
