import type { RealtimeSocket, TransportKind } from './socket.ts';
import { CloseCodes, type ClientCommand, type ErrorCode, type ServerEvent, type ServerFrame } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Principal } from '../domain/principal.ts';
import { ParleyError, toWireError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { sendWithBackpressure } from './backpressure.ts';
import { dispatchCommand } from './dispatch.ts';
import type { Heartbeat } from './heartbeat.ts';
import { authenticateHello, buildHelloResult, topicsFor, type HelloDeps, type SocketScope } from './hello.ts';
import { createLiveFeed, visitorCoverage, type LiveFeed } from './live-feed.ts';
import { createRateLimiter } from './rate-limit.ts';
import { parseFrame } from './validate.ts';
import { checkNotBlocked } from '../domain/blocks.ts';
import { principalKey } from '../domain/principal.ts';
import { retryIn, type Throttle, type ThrottleRule } from '../net/throttle.ts';
import { drainBelow } from './drain.ts';
import { corkForTick, eventFrame } from './event-frame.ts';
import { createHighWater, type HighWater } from './high-water.ts';

export interface SessionDeps extends HelloDeps {
  bus: Bus;
  /** Budgets shared by all sockets of one visitor or staff member (and processes, with Redis). */
  throttle: Throttle;
  feeds: Feeds;
  metrics?: Metrics;
  heartbeat: Heartbeat;
  log: Logger;
  now: () => number;
}

export interface Session {
  readonly id: string;
  /** Who is on the socket, once hello has said it. */
  readonly role: 'visitor' | 'staff' | 'pending';
  /** The principal's key (domain/principal.ts) once hello has said it: a fallback POST must come from the same one. */
  readonly who: string | null;
  readonly transport: TransportKind;
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

/** Close code for a failed hello, by error code. */
const HELLO_CLOSE: Partial<Record<ErrorCode, number>> = {
  unauthorized: CloseCodes.unauthorized,
  token_expired: CloseCodes.unauthorized,
  forbidden: CloseCodes.forbidden,
  blocked: CloseCodes.forbidden,
  protocol_version: CloseCodes.protocolVersion,
};

/**
 * One socket's life: hello (within helloTimeoutMs) -> subscribe -> ack -> replay -> live.
 * Commands run one after another in arrival order (a client's sends commit in the order it sent
 * them) and each gets exactly one ack or one error. A staff socket's consecutive message.send
 * commands overlap after their appends are queued (still committed in order; acks may interleave).
 */
export function startSession(deps: SessionDeps, ws: RealtimeSocket, scope: SocketScope, id: string, ip?: string, transport: TransportKind = 'ws'): Session {
  const { limits } = deps.config;
  const { principalRateBurst: burst, principalRatePerSec: perSec } = deps.config.serverLimits;
  const principalRule: ThrottleRule = { name: 'commands', burst, perSec };
  // Not a child logger: an idle socket would carry one (an object, five closures, its fields) for nothing.
  const log = deps.log;
  const limiter = createRateLimiter({ burst: limits.rateBurst, perSec: limits.ratePerSec, now: deps.now });
  let state: State = 'awaiting-hello';
  let principal: Principal | null = null;
  let feed: LiveFeed | null = null;
  let highWater: HighWater | null = null;
  let chain: Promise<void> = Promise.resolve();
  /** Settles when every pipelined send started so far is answered. */
  let sends: Promise<void> = Promise.resolve();
  // A function, not an inline comparison: `state` changes in the close handler while hello awaits.
  const isClosed = () => state === 'closed';
  /** Set once the server decided to close: what later frames are answered. */
  let closing: { refuse: ErrorCode | null; done: Promise<void> } | null = null;

  const onSlowConsumer = deps.metrics ? () => deps.metrics!.slowConsumerCloses.inc() : undefined;
  const sendText = (text: string) => {
    corkForTick(ws, limits.maxBufferedBytes / 4);
    return sendWithBackpressure(ws, text, limits.maxBufferedBytes, onSlowConsumer);
  };
  const send = (frame: ServerFrame) => sendText(JSON.stringify(frame));
  const sendError = (cmdId: string | undefined, err: unknown) => {
    const wire = toWireError(err);
    if (wire.code === 'internal') log.error('command failed', { conn: id, err });
    send(cmdId === undefined ? { type: 'error', ...wire } : { type: 'error', id: cmdId, ...wire });
  };
  const sendEvent = (event: ServerEvent) => {
    // One of this member's sessions ended (logout, password change, deactivation): check ours now,
    // not at the next heartbeat. Internal: never sent to the client.
    if (event.kind === 'session.revoked') return void recheckToken();
    highWater?.sent(event);
    void sendText(eventFrame(event));
  };
  /** A replay or a fetched range: many frames at once must not trip the slow-consumer limit, so wait for the socket to drain. */
  const sendEvents = async (events: readonly ServerEvent[]): Promise<boolean> => {
    for (const event of events) {
      if (!(await drainBelow(ws, limits.maxBufferedBytes / 2))) return false;
      sendEvent(event);
    }
    return true;
  };

  // Dropped once hello arrives, so the timer does not stay in memory for the socket's whole life.
  let helloTimer: ReturnType<typeof setTimeout> | null = setTimeout(() => {
    if (state === 'awaiting-hello') ws.close(CloseCodes.helloTimeout, 'hello_timeout');
  }, limits.helloTimeoutMs);
  helloTimer.unref?.();

  const untrack = deps.heartbeat.track({
    ws,
    sendHeartbeat: (t) => {
      if (state !== 'ready' || closing || !principal || !highWater) return;
      send(highWater.heartbeat(t, principal.kind === 'staff' ? deps.feeds.latest(principal.siteId) : undefined));
      void recheckToken();
    },
    onMissedPong: () => log.info('heartbeat missed, terminating', { conn: id }),
  });

  let expiresAt = 0;
  /**
   * A socket outlives the moment its token was checked: on each heartbeat it is checked again, so a
   * logged-out staff session (4011) or an expired token (4001) does not keep listening. The token
   * cannot change on a socket, so its signature is not verified again: only its expiry (from the
   * claims read at hello) and, for staff, the session row that logout revokes.
   */
  async function recheckToken(): Promise<void> {
    try {
      if (principal) await deps.auth.recheck(principal, expiresAt);
      // Blocked by staff since hello: the socket closes here (its sends are refused at once anyway).
      if (principal?.kind === 'visitor') await checkNotBlocked(deps.store, principal.siteId, { visitorId: principal.visitorId, ip });
    } catch (err) {
      if (!isClosed() && err instanceof ParleyError && err.code === 'blocked') return void ws.close(CloseCodes.forbidden, 'blocked');
      // Only a verdict on the token closes the socket; a passing store hiccup does not.
      if (isClosed() || !(err instanceof ParleyError) || (err.code !== 'unauthorized' && err.code !== 'token_expired')) return;
      const expired = err.code === 'token_expired';
      log.info('token no longer valid, closing', { conn: id, code: toWireError(err).code });
      ws.close(expired ? CloseCodes.unauthorized : CloseCodes.replaced, toWireError(err).code);
    }
  }

  async function hello(cmd: Hello): Promise<void> {
    if (helloTimer !== null) clearTimeout(helloTimer);
    helloTimer = null;
    try {
      const authenticated = await authenticateHello(deps, scope, cmd);
      if (isClosed()) return;
      const p = authenticated.principal;
      if (p.kind === 'visitor') await checkNotBlocked(deps.store, p.siteId, { visitorId: p.visitorId, ip });
      principal = p;
      expiresAt = authenticated.expiresAt;
      highWater = createHighWater(p.kind);
      feed = createLiveFeed(deps.bus, deps.feeds, deps.metrics ? deps.metrics.timeDelivery(sendEvent, deps.now) : sendEvent);
      await feed.start(p.siteId, p.kind === 'staff' ? { kind: 'staff' } : { kind: 'visitor', visitorId: p.visitorId }, topicsFor(p));
      if (isClosed()) return;
      deps.domain.connected(p, id);
      const wantsReplay = p.kind === 'staff' || cmd.resume !== undefined;
      const replay = wantsReplay ? await deps.domain.resume(p, cmd.resume ?? {}) : { events: [], reload: [] };
      const result = await buildHelloResult(deps, p, id, replay);
      if (isClosed()) return;
      send({ type: 'ack', id: cmd.id, result });
      if (!(await sendEvents(replay.events))) return;
      if (p.kind === 'staff') highWater.covered(replay.cursor);
      feed.release(
        p.kind === 'staff' ? { cursor: replay.cursor } : { seqs: visitorCoverage(cmd.resume?.conversations, replay.events, replay.reload) },
      );
      if (!closing) state = 'ready';
      deps.metrics?.helloDone(p.kind, cmd.resume !== undefined, replay.events.length);
      log.info('hello', { conn: id, transport, role: p.kind, site: p.siteId, who: p.kind === 'staff' ? p.staffId : p.visitorId, replayed: replay.events.length });
    } catch (err) {
      sendError(cmd.id, err);
      const code = err instanceof ParleyError ? (HELLO_CLOSE[err.code] ?? CloseCodes.policy) : CloseCodes.internal;
      ws.close(code, toWireError(err).code);
    }
  }

  async function command(cmd: Exclude<ClientCommand, { type: 'hello' }>, onQueued?: () => void): Promise<void> {
    if (state !== 'ready' || !principal) {
      if (state !== 'closed') sendError(cmd.id, new ParleyError('not_ready', 'Send hello first.'));
      return;
    }
    try {
      // The socket's own bucket (above) stops one flooding socket; this one the same visitor or agent
      // on 50 sockets at once. Pings are the client's liveness check and never refused.
      if (cmd.type !== 'ping') {
        // A command is the agent at work (heartbeats are not): it keeps the session from idling out.
        deps.auth.noteActivity(principal);
        const key = principalKey(principal);
        const verdict = deps.throttle.takeNow ? deps.throttle.takeNow(key, principalRule) : await deps.throttle.take(key, principalRule);
        if (!verdict.ok) {
          deps.metrics?.rateLimited.inc({ transport, kind: 'principal' });
          log.warn('security: rate limited', { event: 'limit', limit: 'commands', conn: id, ip, who: principalKey(principal) });
          throw new ParleyError('rate_limited', `Too many commands from your connections together; ${retryIn(verdict.retryAfterSec)}.`);
        }
      }
      const result = await dispatchCommand(deps.domain, principal, cmd, deps.now, {
        onQueued,
        ip,
        sendEvents: async (events) => {
          if (!(await sendEvents(events))) throw new ParleyError('unavailable', 'The connection closed while the events were sent.');
        },
      });
      send({ type: 'ack', id: cmd.id, result });
    } catch (err) {
      sendError(cmd.id, err);
    }
  }

  // hello() and command() answer every failure themselves; this only keeps one bug from stopping the
  // connection's queue (a rejected chain would refuse every later command) or the process.
  const unexpected = (err: unknown) => log.error('command queue failed', { conn: id, err });

  /**
   * The one way the server closes a socket it has read commands from: stop taking new ones, answer
   * those already received (a send's ack must not be lost after its commit), then close.
   */
  function closeAfterAnswers(code: number, reason: string, refuse: ErrorCode | null): Promise<void> {
    if (closing) return closing.done;
    const done = (async () => {
      await chain.catch(() => {});
      await sends.catch(() => {});
      if (!isClosed()) ws.close(code, reason);
    })();
    closing = { refuse, done };
    return done;
  }

  ws.on('message', (data, isBinary) => {
    if (isClosed()) return;
    const parsed = parseFrame(data as Buffer, isBinary, limits.maxFrameBytes);
    if (closing) {
      const refuse = closing.refuse;
      if (refuse) sendError(parsed.ok ? parsed.command.id : parsed.id, new ParleyError(refuse, 'The server is closing this connection; send it again after reconnecting.'));
      return;
    }
    const verdict = limiter.take();
    if (verdict !== 'ok') {
      deps.metrics?.rateLimited.inc({ transport, kind: 'frame' });
      sendError(parsed.ok ? parsed.command.id : parsed.id, new ParleyError('rate_limited', 'Too many frames; slow down and retry.'));
      if (verdict === 'flood') {
        log.warn('flooding, closing', { conn: id });
        void closeAfterAnswers(CloseCodes.rateLimited, 'rate_limited', null);
      }
      return;
    }
    if (!parsed.ok) return void sendError(parsed.id, new ParleyError(parsed.error.code, parsed.error.message));
    const cmd = parsed.command;
    if (cmd.type === 'hello') {
      if (state !== 'awaiting-hello') return void sendError(cmd.id, new ParleyError('bad_request', 'hello was already sent on this connection.'));
      state = 'hello';
      chain = chain.then(() => hello(cmd)).catch(unexpected);
      return;
    }
    if (state === 'awaiting-hello') return void sendError(cmd.id, new ParleyError('not_ready', 'Send hello first.'));
    if (cmd.type === 'message.send' && principal?.kind === 'staff') {
      // Pipelined: the next command starts once this append is queued, so a busy agent's sends share
      // group commits instead of committing one per event-loop turn (findings.md #2). Commit order
      // is still send order (the store queues appends in call order). Only staff: their sends name
      // an existing conversation, while a visitor's first sends may create one and must see it.
      chain = chain
        .then(
          () =>
            new Promise<void>((queued) => {
              const done = command(cmd, queued).catch(unexpected).finally(queued);
              sends = Promise.all([sends, done]).then(() => undefined);
            }),
        )
        .catch(unexpected);
      return;
    }
    // Anything else waits until every pipelined send is answered: it may depend on them.
    chain = chain.then(() => sends).then(() => command(cmd)).catch(unexpected);
  });

  ws.on('error', (err) => log.debug('socket error', { conn: id, err }));
  ws.on('close', (code) => {
    const wasReady = principal !== null;
    state = 'closed';
    if (helloTimer !== null) clearTimeout(helloTimer);
    helloTimer = null;
    untrack();
    feed?.dispose().catch((err) => log.warn('unsubscribe failed', { conn: id, err }));
    if (wasReady && principal) deps.domain.disconnected(principal, id);
    log.info('closed', { conn: id, code });
  });

  return {
    id,
    get role() {
      return principal?.kind ?? 'pending';
    },
    get who() {
      return principal ? principalKey(principal) : null;
    },
    transport,
    idle: async () => {
      await chain;
      await sends;
    },
    closeAfterAnswers,
  };
}
