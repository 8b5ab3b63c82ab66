import type { RawFrame, RealtimeSocket, TransportKind } from './socket.ts';
import { CloseCodes, type ClientCommand, type ErrorCode, type ServerEvent, type ServerFrame } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Principal } from '../domain/principal.ts';
import { ParleyError, toWireError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { sendWithBackpressure } from './backpressure.ts';
import { dispatchCommand } from './dispatch.ts';
import type { Heartbeat, HeartbeatTarget } from './heartbeat.ts';
import { authenticateHello, buildHelloResult, helloCloseCode, topicsFor, type HelloDeps, type SocketScope } from './hello.ts';
import { createLiveFeed, visitorCoverage, type EventSink, type LiveFeed } from './live-feed.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { parseFrame } from './validate.ts';
import { checkNotBlocked } from '../domain/blocks.ts';
import { principalKey } from '../domain/principal.ts';
import type { Throttle, ThrottleRule } from '../net/throttle.ts';
import { takeCommandBudget } from './command-budget.ts';
import { CommandQueue } from './command-queue.ts';
import { recheckToken } from './token-recheck.ts';
import { drainBelow } from './drain.ts';
import { corkForTick, eventFrame } from './event-frame.ts';
import { HighWater } from './high-water.ts';

export interface SessionDeps extends HelloDeps {
  bus: Bus;
  /** Budgets shared by all sockets of one visitor or staff member (and processes, with Redis). */
  throttle: Throttle;
  feeds: Feeds;
  metrics?: Metrics;
  heartbeat: Heartbeat;
  log: Logger;
  now: () => number;
  /** Hears every session's end, after its own cleanup (the gateway forgets the socket and frees its IP slot). */
  ended?: (ws: RealtimeSocket, session: Session) => void;
}

export interface Session {
  readonly id: string;
  /** Who is on the socket, once hello has said it. */
  readonly role: 'visitor' | 'staff' | 'pending';
  /** The principal's key (domain/principal.ts) once hello has said it: a fallback POST must come from the same one. */
  readonly who: string | null;
  readonly transport: TransportKind;
  /** The client's address, as admitted. */
  readonly ip: string | undefined;
  /** Resolves when every command received so far has been answered. */
  idle(): Promise<void>;
  /**
   * Closes the socket once every command already received is answered (its commit included): later
   * frames get `refuse` (or nothing when null). Resolves when the close frame was sent.
   */
  closeAfterAnswers(code: number, reason: string, refuse: ErrorCode | null): Promise<void>;
}

type State = 'awaiting-hello' | 'hello' | 'ready' | 'closing' | 'closed';
type Hello = Extract<ClientCommand, { type: 'hello' }>;

/**
 * One socket's life: hello (within helloTimeoutMs) -> subscribe -> ack -> replay -> live.
 * Commands run in the order command-queue.ts keeps, and each gets exactly one ack or one error.
 */
export function startSession(deps: SessionDeps, ws: RealtimeSocket, scope: SocketScope, id: string, ip?: string, transport: TransportKind = 'ws'): Session {
  return new SocketSession(deps, ws, scope, id, ip, transport);
}

/**
 * The session of each socket, found by its listeners: they are three functions shared by every
 * socket (an EventEmitter calls a listener with itself as `this`), not closures made per socket.
 * Not merged with the gateway's sessions (the heartbeat's targets, gateway.ts): that map is per server
 * and these functions are not, so they would need a lookup by socket to find it; and a session may
 * run without a gateway (measure-send.ts, tests). Weak, so it holds nothing after the close.
 */
const sessionOf = new WeakMap<RealtimeSocket, SocketSession>();

function onSocketMessage(this: RealtimeSocket, data: RawFrame, isBinary: boolean): void {
  sessionOf.get(this)?.onMessage(data, isBinary);
}
function onSocketError(this: RealtimeSocket, err: Error): void {
  sessionOf.get(this)?.onError(err);
}
function onSocketClose(this: RealtimeSocket, code: number): void {
  sessionOf.get(this)?.onClose(code);
}
function onHelloTimeout(session: SocketSession): void {
  session.helloTimedOut();
}

/** What every session of one server derives from its deps: made once per server, not per socket or per command. */
interface PerServer {
  /** The budget all sockets of one visitor or staff member share (serverLimits.principalRate*). */
  principalRule: ThrottleRule;
  onSlowConsumer: (() => void) | undefined;
}
const perServerOf = new WeakMap<SessionDeps, PerServer>();
function perServer(deps: SessionDeps): PerServer {
  let shared = perServerOf.get(deps);
  if (!shared) {
    const { principalRateBurst: burst, principalRatePerSec: perSec } = deps.config.serverLimits;
    const metrics = deps.metrics;
    shared = { principalRule: { name: 'commands', burst, perSec }, onSlowConsumer: metrics && (() => metrics.slowConsumerCloses.inc()) };
    perServerOf.set(deps, shared);
  }
  return shared;
}

/**
 * A class with its state in fields and its code on the prototype: an idle socket pays for one object,
 * not for the twenty closures and the shared context a function-scoped session kept (findings.md #19).
 * It is also the socket's heartbeat target and its live feed's sink.
 */
class SocketSession extends CommandQueue implements Session, HeartbeatTarget, EventSink {
  private readonly limiter: RateLimiter;
  private state: State = 'awaiting-hello';
  private principal: Principal | null = null;
  private feed: LiveFeed | null = null;
  private highWater: HighWater | null = null;
  /** Set once the server decided to close: what later frames are answered. */
  private closing: { refuse: ErrorCode | null; done: Promise<void> } | null = null;
  // Dropped once hello arrives, so the timer does not stay in memory for the socket's whole life.
  private helloTimer: ReturnType<typeof setTimeout> | null;
  private expiresAt = 0;
  private readonly shared: PerServer;
  awaitingPong = false;

  constructor(
    // Not a child logger (deps.log is used with the connection id): an idle socket would carry one for nothing.
    private readonly deps: SessionDeps,
    readonly ws: RealtimeSocket,
    /** What the upgrade decided, needed by hello only (then dropped). */
    private scope: SocketScope | null,
    readonly id: string,
    readonly ip: string | undefined,
    readonly transport: TransportKind,
  ) {
    super();
    const { limits } = deps.config;
    this.limiter = createRateLimiter({ burst: limits.rateBurst, perSec: limits.ratePerSec, now: deps.now });
    this.shared = perServer(deps);
    this.helloTimer = setTimeout(onHelloTimeout, limits.helloTimeoutMs, this);
    this.helloTimer.unref?.();
    deps.heartbeat.track(this);
    sessionOf.set(ws, this);
    ws.on('message', onSocketMessage);
    ws.on('error', onSocketError);
    ws.on('close', onSocketClose);
  }

  get role(): 'visitor' | 'staff' | 'pending' {
    return this.principal?.kind ?? 'pending';
  }

  get who(): string | null {
    return this.principal ? principalKey(this.principal) : null;
  }

  // A method, not an inline comparison: `state` changes in the close handler while hello awaits.
  isClosed(): boolean {
    return this.state === 'closed';
  }

  private sendText(text: string): boolean {
    const max = this.deps.config.limits.maxBufferedBytes;
    corkForTick(this.ws, max / 4);
    return sendWithBackpressure(this.ws, text, max, this.shared.onSlowConsumer);
  }

  private send(frame: ServerFrame): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  private sendError(cmdId: string | undefined, err: unknown): void {
    const wire = toWireError(err);
    if (wire.code === 'internal') this.deps.log.error('command failed', { conn: this.id, err });
    this.send(cmdId === undefined ? { type: 'error', ...wire } : { type: 'error', id: cmdId, ...wire });
  }

  private sendEvent(event: ServerEvent): void {
    // One of this member's sessions ended (logout, password change, deactivation): check ours now,
    // not at the next heartbeat. Internal: never sent to the client.
    if (event.kind === 'session.revoked') return void this.recheckToken();
    this.highWater?.sent(event);
    void this.sendText(eventFrame(event));
  }

  /** The live feed's events: each message event observes its commit-to-socket lag. */
  deliver(event: ServerEvent): void {
    this.deps.metrics?.observeDeliveryLag(event, this.deps.now);
    this.sendEvent(event);
  }

  /** A replay or a fetched range: many frames at once must not trip the slow-consumer limit, so wait for the socket to drain. */
  private async sendEvents(events: readonly ServerEvent[]): Promise<boolean> {
    for (const event of events) {
      if (!(await drainBelow(this.ws, this.deps.config.limits.maxBufferedBytes / 2))) return false;
      this.sendEvent(event);
    }
    return true;
  }

  helloTimedOut(): void {
    if (this.state === 'awaiting-hello') this.ws.close(CloseCodes.helloTimeout, 'hello_timeout');
  }

  sendHeartbeat(t: number): void {
    const { principal, highWater } = this;
    if (this.state !== 'ready' || this.closing || !principal || !highWater) return;
    this.send(highWater.heartbeat(t, principal.kind === 'staff' ? this.deps.feeds.latest(principal.siteId) : undefined));
    void this.recheckToken();
  }

  onMissedPong(): void {
    this.deps.log.info('heartbeat missed, terminating', { conn: this.id });
  }

  /** Whether the socket may still listen (token-recheck.ts); closes it when not. */
  private recheckToken(): Promise<void> {
    return recheckToken(this.deps, this, this.principal, this.expiresAt);
  }

  private async hello(cmd: Hello): Promise<void> {
    const { deps, id } = this;
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    try {
      const authenticated = await authenticateHello(deps, this.scope!, cmd);
      this.scope = null;
      if (this.isClosed()) return;
      const p = authenticated.principal;
      if (p.kind === 'visitor') await checkNotBlocked(deps.store, p.siteId, { visitorId: p.visitorId, ip: this.ip });
      this.principal = p;
      this.expiresAt = authenticated.expiresAt;
      const highWater = (this.highWater = new HighWater(p.kind));
      const feed = (this.feed = createLiveFeed(deps.bus, deps.feeds, this));
      await feed.start(p.siteId, p.kind === 'staff' ? { kind: 'staff' } : { kind: 'visitor', visitorId: p.visitorId }, topicsFor(p));
      if (this.isClosed()) return;
      deps.domain.connected(p, id);
      const wantsReplay = p.kind === 'staff' || cmd.resume !== undefined;
      const replay = wantsReplay ? await deps.domain.resume(p, cmd.resume ?? {}) : { events: [], reload: [] };
      const result = await buildHelloResult(deps, p, id, replay);
      if (this.isClosed()) return;
      this.send({ type: 'ack', id: cmd.id, result });
      if (!(await this.sendEvents(replay.events))) return;
      if (p.kind === 'staff') highWater.covered(replay.cursor);
      feed.release(
        p.kind === 'staff' ? { cursor: replay.cursor } : { seqs: visitorCoverage(cmd.resume?.conversations, replay.events, replay.reload) },
      );
      if (!this.closing) this.state = 'ready';
      deps.metrics?.helloDone(p.kind, cmd.resume !== undefined, replay.events.length);
      deps.log.info('hello', { conn: id, transport: this.transport, role: p.kind, site: p.siteId, who: p.kind === 'staff' ? p.staffId : p.visitorId, replayed: replay.events.length });
    } catch (err) {
      this.sendError(cmd.id, err);
      this.ws.close(helloCloseCode(err), toWireError(err).code);
    }
  }

  private async command(cmd: Exclude<ClientCommand, { type: 'hello' }>, onQueued?: () => void): Promise<void> {
    const { deps, principal } = this;
    if (this.state !== 'ready' || !principal) {
      if (this.state !== 'closed') this.sendError(cmd.id, new ParleyError('not_ready', 'Send hello first.'));
      return;
    }
    try {
      // Pings are the client's liveness check and never refused.
      if (cmd.type !== 'ping') {
        // A command is the agent at work (heartbeats are not): it keeps the session from idling out.
        deps.auth.noteActivity(principal);
        const pending = takeCommandBudget(deps, this.shared.principalRule, principal, this);
        if (pending) await pending;
      }
      const result = await dispatchCommand(deps.domain, principal, cmd, deps.now, {
        onQueued,
        ip: this.ip,
        sendEvents: async (events) => {
          if (!(await this.sendEvents(events))) throw new ParleyError('unavailable', 'The connection closed while the events were sent.');
        },
      });
      this.send({ type: 'ack', id: cmd.id, result });
    } catch (err) {
      this.sendError(cmd.id, err);
    }
  }

  // hello() and command() answer every failure themselves (command-queue.ts).
  protected unexpected(err: unknown): void {
    this.deps.log.error('command queue failed', { conn: this.id, err });
  }

  /**
   * The one way the server closes a socket it has read commands from: stop taking new ones, answer
   * those already received (a send's ack must not be lost after its commit), then close.
   */
  closeAfterAnswers(code: number, reason: string, refuse: ErrorCode | null): Promise<void> {
    if (this.closing) return this.closing.done;
    const done = (async () => {
      await this.answered();
      if (!this.isClosed()) this.ws.close(code, reason);
    })();
    this.closing = { refuse, done };
    return done;
  }

  onMessage(data: RawFrame, isBinary: boolean): void {
    if (this.isClosed()) return;
    const { deps } = this;
    const parsed = parseFrame(data as Buffer, isBinary, deps.config.limits.maxFrameBytes);
    if (this.closing) {
      const refuse = this.closing.refuse;
      if (refuse) this.sendError(parsed.ok ? parsed.command.id : parsed.id, new ParleyError(refuse, 'The server is closing this connection; send it again after reconnecting.'));
      return;
    }
    const verdict = this.limiter.take();
    if (verdict !== 'ok') {
      deps.metrics?.rateLimited.inc({ transport: this.transport, kind: 'frame' });
      this.sendError(parsed.ok ? parsed.command.id : parsed.id, new ParleyError('rate_limited', 'Too many frames; slow down and retry.'));
      if (verdict === 'flood') {
        deps.log.warn('flooding, closing', { conn: this.id });
        void this.closeAfterAnswers(CloseCodes.rateLimited, 'rate_limited', null);
      }
      return;
    }
    if (!parsed.ok) return void this.sendError(parsed.id, new ParleyError(parsed.error.code, parsed.error.message));
    const cmd = parsed.command;
    if (cmd.type === 'hello') {
      if (this.state !== 'awaiting-hello') return void this.sendError(cmd.id, new ParleyError('bad_request', 'hello was already sent on this connection.'));
      this.state = 'hello';
      return this.queueHello(() => this.hello(cmd));
    }
    if (this.state === 'awaiting-hello') return void this.sendError(cmd.id, new ParleyError('not_ready', 'Send hello first.'));
    if (cmd.type === 'message.send' && this.principal?.kind === 'staff') return this.queuePipelined((queued) => this.command(cmd, queued));
    this.queueInOrder(() => this.command(cmd));
  }

  onError(err: Error): void {
    this.deps.log.debug('socket error', { conn: this.id, err });
  }

  onClose(code: number): void {
    const { deps, principal } = this;
    const wasReady = principal !== null;
    this.state = 'closed';
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    try {
      deps.heartbeat.untrack(this);
      this.feed?.dispose().catch((err) => deps.log.warn('unsubscribe failed', { conn: this.id, err }));
      if (wasReady && principal) deps.domain.disconnected(principal, this.id);
      deps.log.info('closed', { conn: this.id, code });
    } finally {
      // Even if the cleanup above threw: the gateway must forget the socket and free its IP slot.
      deps.ended?.(this.ws, this);
    }
  }
}
