import type { AgentCapacity, Attachment, ConversationStatus, HoursState, Limits, Message, Rating, SitePublic, StaffAvailability, TimelineEvent, Visitor } from '../protocol/index.ts';
import { DEFAULT_LIMITS } from '../protocol/index.ts';
import type { ConnectionState, OutboxItem } from '../client/api.ts';
import type { SessionProblem } from './session-problem.ts';

/** Everything the UI renders, in one plain object; the controller is the only writer. */
export interface UploadState {
  id: string;
  name: string;
  /** 0..1 while uploading. */
  progress: number;
  attachment?: Attachment;
  /** Why it was refused (client/upload-refusal.ts): the sentence, shown on the chip until removed … */
  error?: string;
  /** … and the server's stable code beside it (none when no answer came: a network failure). */
  code?: string;
}

export interface WidgetState {
  open: boolean;
  /** 'starting' until the REST session is open; 'error' when it cannot be (see `problem`). */
  phase: 'starting' | 'ready' | 'error';
  problem?: SessionProblem;
  connection: ConnectionState;
  /** The live connection was lost and is not back yet (set on waiting/failed, cleared once connected). */
  troubled: boolean;
  /** The browser itself has no network (navigator.onLine): only then is the visitor told they are offline. */
  browserOffline: boolean;
  site?: SitePublic;
  visitor?: Visitor;
  token: string;
  limits: Limits;
  availability?: StaffAvailability;
  /** Within the site's business hours, and until when (hello, `hours` events). */
  hours?: HoursState;
  /** The team's usual first reply in minutes, when the server knows it (else settings.replyTime). */
  replyMinutes?: number;
  /** Every online agent at capacity (hello, `capacity` events): "all agents are busy". */
  capacity?: AgentCapacity;
  /** Conversation id -> its place in the queue for an agent (1: next); absent once it has one. */
  queue: Record<string, number>;
  conversationId?: string;
  /** How the open conversation stands (conversations.ts): resolved ones are read-only here. */
  current?: { status: ConversationStatus; rating?: Rating };
  /** The chat, or the list of the visitor's conversations. */
  view: 'chat' | 'list';
  /** The next message starts a new conversation. */
  startNew: boolean;
  /** Grows with every message in another of the visitor's conversations: the list reloads on it. */
  listVersion: number;
  /**
   * The server's unread counts of the visitor's conversations, by id, as of `key` (token, listVersion,
   * open conversation): the header's badge for replies in the other ones (ui/UnreadElsewhere.tsx, lazy).
   */
  unreadElsewhere?: { key: string; unread: Record<string, number> };
  /** Committed messages, by seq. */
  messages: Message[];
  /**
   * The timeline entries the visitor may see (status changes, assignment, ratings), by seq, from history
   * pages and live events; the lazy thread shows them between the messages, those of `conversationId` only.
   */
  timeline: TimelineEvent[];
  /** Not yet acked sends (persisted by the client core). */
  outbox: OutboxItem[];
  staffReadSeq: number;
  visitorReadSeq: number;
  /** A staff member is typing in this conversation. */
  typing: { name?: string } | null;
  hasMore: boolean;
  loadingOlder: boolean;
  uploads: UploadState[];
  /** The pre-chat email form was answered (or not required). */
  emailGiven: boolean;
  /** The visitor chose a team in the pre-chat form (site setting teamPicker) on this page. */
  teamChosen?: boolean;
  /** The server has an address for the visitor (from the identity JWT, a form, or one left earlier in this browser). */
  emailKnown: boolean;
  /** The address the pre-chat form just saved, for its confirmation line. */
  emailSaved?: string;
  /** Parley('hideLauncher') / boot option hideLauncher. */
  launcherHidden: boolean;
  /** Text for the composer from Parley('showNewMessage'), taken once by the composer. */
  draft?: string;
  /** The newest staff message that arrived while the panel was closed, shown beside the launcher. */
  preview?: { name?: string; text: string };
}

export function initialState(): WidgetState {
  return {
    open: false,
    phase: 'starting',
    connection: 'idle',
    troubled: false,
    launcherHidden: false,
    browserOffline: false,
    token: '',
    limits: DEFAULT_LIMITS,
    view: 'chat',
    startNew: false,
    listVersion: 0,
    messages: [],
    timeline: [],
    outbox: [],
    staffReadSeq: 0,
    visitorReadSeq: 0,
    typing: null,
    hasMore: false,
    loadingOlder: false,
    uploads: [],
    queue: {},
    emailGiven: false,
    emailKnown: false,
  };
}

export interface Store<S> {
  get(): S;
  set(patch: Partial<S> | ((s: S) => Partial<S>)): void;
  subscribe(fn: (s: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const subs = new Set<(s: S) => void>();
  return {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...p };
      for (const fn of [...subs]) fn(state);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => void subs.delete(fn);
    },
  };
}
