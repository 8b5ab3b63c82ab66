import type {
  AckResults,
  ClientCommand,
  DurableEvent,
  ErrorCode,
  HelloResult,
  ResumePoint,
  ServerEvent,
  WireError,
} from '../protocol/index.ts';

/**
 * The public surface of the realtime client core, shared by widget and dashboard.
 * Implementation: client/realtime-client.ts (createRealtimeClient). Everything time- or
 * environment-dependent is injected (see ClientEnv) so tests drive it without a browser.
 */
export type ConnectionState =
  | 'idle' // not started, or stopped by the app
  | 'connecting' // socket opening or hello in flight
  | 'connected' // hello acked; live
  | 'waiting' // disconnected, a reconnect is scheduled (backoff)
  | 'failed'; // fatal (bad token, protocol version): will not retry until start() or setToken()

export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
  /** Why we left the previous state (close code/reason, error code), for UI and logs. */
  reason?: string;
  /** When state is 'waiting': epoch ms of the next attempt. */
  retryAt?: number;
}

/** A message the app asked to send, tracked until the server acks it. Persisted by the Outbox. */
export interface OutboxItem {
  clientId: string; // idempotency key, generated once, reused on every resend
  conversationId?: string;
  /** Start a new conversation with this message (visitors; conversationId absent). */
  newConversation?: boolean;
  text: string;
  attachmentIds?: string[];
  note?: boolean;
  createdAt: number;
  /** 'pending' until acked; 'failed' after a non-retryable error (e.g. text_too_long). */
  status: 'pending' | 'failed';
  error?: WireError;
}

/**
 * Why a request() was rejected: a wire error from the server, or one the client made itself.
 * 'disconnected': the socket dropped after the command was sent and it is not safe to resend
 * (retryable: the app may try again). 'stopped': stop() was called while it was waiting.
 */
export type ClientErrorCode = ErrorCode | 'disconnected' | 'stopped';
export interface ClientError {
  code: ClientErrorCode;
  message: string;
}

/** Tuning knobs; every one has a default (client/options.ts). */
export interface ClientOptions {
  /** First reconnect delay ceiling; doubles per attempt (full jitter: delay = random() * ceiling). 500 ms. */
  backoffBaseMs?: number;
  /** Largest reconnect delay ceiling. 30 s. */
  backoffCapMs?: number;
  /** A connection that stays up this long resets the backoff. 5 s. */
  stableAfterMs?: number;
  /** Socket open + hello ack must finish within this, or we retry. 15 s. */
  connectTimeoutMs?: number;
  /** Silence allowed beyond two heartbeat intervals before the socket counts as half-open. 5 s. */
  heartbeatMarginMs?: number;
  /** On wake while connected, a ping must be answered within this, or we reconnect. 5 s. */
  probeTimeoutMs?: number;
}

export type SendCommand = Extract<ClientCommand, { type: 'message.send' }>;
type CommandWithoutId = ClientCommand extends infer C ? (C extends { id: string } ? Omit<C, 'id'> : never) : never;

export interface RealtimeClient {
  readonly state: ConnectionState;
  /** Open (or re-open) the connection; no-op when already connecting/connected. */
  start(): void;
  /** Close and stay closed until start(). The one path every teardown goes through. */
  stop(): void;
  /** Reconnect now, skipping any backoff wait (reconnect button, `online` event, tab visible). */
  reconnectNow(): void;
  /** Replace the token (after identify/refresh); reconnects if connected or failed. */
  setToken(token: string): void;

  /**
   * Send a command; resolves with the ack result, rejects with a ClientError (a WireError from the
   * server, or 'disconnected' / 'stopped'). Waits for 'connected' (and for the resume replay).
   * Idempotent commands (read, conversation.update, presence.*, context.update, message.send) are
   * resent after a reconnect instead of being rejected. Rejects at once while 'failed'.
   */
  request<T extends keyof AckResults>(cmd: Extract<CommandWithoutId, { type: T }>): Promise<AckResults[T]>;
  /**
   * Queue a message in the outbox (persisted) and send it when connected; resends with the same
   * clientId after reconnects until acked. Returns the OutboxItem (status pending) immediately.
   */
  send(msg: Omit<OutboxItem, 'clientId' | 'createdAt' | 'status'> & { clientId?: string }): OutboxItem;
  /** Items still pending or failed, oldest first (for rendering pending bubbles after a reload). */
  outbox(): OutboxItem[];
  /** Drop a failed item (user gave up) or retry it. */
  discard(clientId: string): void;
  retry(clientId: string): void;

  /** Resume bookkeeping: highest seq seen per conversation, site cursor (staff). */
  resumePoint(): ResumePoint;
  /**
   * Tell the core that a REST load already covered a conversation up to `seq` (history, or the
   * reload asked for by onReload), so resume starts there and older events are dropped as seen.
   * (A staff 'site' reload needs no call: the cursor from the hello ack is adopted.)
   */
  markSeen(conversationId: string, seq: number): void;

  // Subscriptions: each returns its disposer.
  onState(listener: (change: StateChange) => void): () => void;
  /** Durable events exactly once each, in seq order per conversation (duplicates dropped by seq). */
  onEvent(listener: (event: ServerEvent) => void): () => void;
  /** After every successful hello (first connect and each resume). */
  onHello(listener: (hello: HelloResult) => void): () => void;
  /** An outbox item was acked (message is the committed one) or failed. */
  onOutbox(listener: (change: { item: OutboxItem; acked?: AckResults['message.send'] }) => void): () => void;
  /** Server asked for a REST reload of these conversations (or 'site'), because resume was too old. */
  onReload(listener: (targets: string[]) => void): () => void;
}

/** What the client needs from its environment; browser defaults in client/browser-env.ts. */
/** Why the environment woke the client: the network came back, went away, or the tab became visible. */
export type WakeReason = 'online' | 'offline' | 'visible';

export interface ClientEnv {
  url: string; // ws(s)://host/ws
  token: () => string;
  /** A promise while the transport's code is still loading (the HTTP fallback, client/transport-select.ts). */
  createSocket: (url: string) => SocketLike | Promise<SocketLike>;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  random: () => number;
  /** Key-value storage for the outbox and resume point (localStorage in browsers). */
  storage: KeyValueStorage;
  /** Storage key prefix (site key + visitor/staff id) so sites and users do not mix. */
  storageKey: string;
  /**
   * Subscribe to the browser's network and visibility signals; returns a disposer. `offline` means the
   * browser knows it has no network (navigator.onLine is false): the socket cannot be alive.
   */
  onWake?: (fn: (reason: WakeReason) => void) => () => void;
  /** Id generator for correlation ids and clientIds. */
  randomId?: () => string;
}

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type { DurableEvent };
