import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCodes } from '../../protocol/index.ts';
import type { Auth } from '../auth/index.ts';
import type { Bus } from '../bus/bus.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Config } from '../config.ts';
import type { Domain } from '../domain/domain.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import { startSession, type Session } from './connection.ts';
import type { SocketScope } from './hello.ts';
import { createHeartbeat, type HeartbeatOptions, type HeartbeatTarget } from './heartbeat.ts';
import { createIpCounter, decideUpgrade, refuseUpgrade, type UpgradeDecision } from './upgrade.ts';
import type { RealtimeSocket, TransportKind } from './socket.ts';
import { createStreams, type Streams } from './stream/streams.ts';
import { hardFrameLimit } from './validate.ts';
import { clientIp } from '../net/client-ip.ts';
import { createLocalThrottle, type Throttle } from '../net/throttle.ts';

export interface GatewayDeps {
  auth: Auth;
  store: Store;
  bus: Bus;
  feeds: Feeds;
  domain: Domain;
  config: Config;
  log: Logger;
  now?: () => number;
  /** The heartbeat's interval timer (tests drive ticks by hand). */
  heartbeatTimer?: Pick<HeartbeatOptions, 'setInterval' | 'clearInterval'>;
  metrics?: Metrics;
  /** Per-principal command budgets (default: in memory, this process only). */
  throttle?: Throttle;
}

export interface Gateway {
  /** Attach to the HTTP server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open sessions right now. */
  readonly size: number;
  /** Open WebSocket sessions by role ('pending' before hello), for parley_ws_connections. */
  countByRole(): Record<string, number>;
  /** Open sessions by transport and role, for parley_realtime_sessions. */
  countSessions(): { transport: TransportKind; role: string; n: number }[];
  /** The HTTP fallback (stream/): streams opened by POST, POSTed frames, relayed between processes. */
  readonly streams: Streams;
  /** Refuses new upgrades; each socket gets its in-flight commands answered, then close 1001. */
  close(): Promise<void>;
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

/**
 * Admission of a realtime connection before any frame is read, for both transports: not while closing,
 * host, site and Origin rules (decision), and the per-IP connection limit. On success the caller owns
 * one slot of the IP's count and releases it when its connection ends.
 */
export type Admission = { ok: true; scope: SocketScope; ip: string; release: () => void } | Extract<UpgradeDecision, { ok: false }>;

/** The realtime gateway: upgrade checks, one session per socket (ws or stream), shared heartbeat, shutdown. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { config, log } = deps;
  const now = deps.now ?? Date.now;
  // clientTracking off: `sessions` already holds every socket, and ws's own set would add a 'close' closure per socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: hardFrameLimit(config.limits.maxFrameBytes), perMessageDeflate: false, clientTracking: false });
  /**
   * The heartbeat's targets are this gateway's open sessions (each tracks itself from its start to its
   * close), so they are its list of sessions too: no second map of the same sockets. The third lookup by
   * socket, connection.ts's sessionOf, stays: its listeners are shared by every socket of every server
   * (no closure per socket), and a module-level function reaches a session from its socket only through
   * a map of all of them (sessions without a gateway, as in measure-send.ts, included).
   */
  const heartbeat = createHeartbeat<Session & HeartbeatTarget>({ intervalMs: config.limits.heartbeatMs, now, ...deps.heartbeatTimer });
  const sessions = heartbeat;
  const ipCounter = createIpCounter(config.limits.maxConnectionsPerIp);
  // A session's end, heard once for every socket (no listener of our own per socket): for ws, free its
  // slot of the IP's count (a stream frees its own, stream/streams.ts). It has untracked itself already.
  const ended = (_ws: RealtimeSocket, session: Session) => {
    if (session.transport === 'ws' && session.ip !== undefined) ipCounter.release(session.ip);
  };
  const sessionDeps = { ...deps, heartbeat, now, throttle: deps.throttle ?? createLocalThrottle(now), ended };
  let closing = false;
  const shuttingDown = { ok: false, status: 503, code: 'shutting_down', message: 'The server is shutting down.' } as const;

  async function admit(req: IncomingMessage, decide: () => Promise<UpgradeDecision>, transport: TransportKind): Promise<Admission> {
    if (closing) return shuttingDown;
    const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustProxy);
    const decision = await decide();
    if (!decision.ok) {
      // Refused origins and hosts are security events (another page tried to use this server); 404s are not.
      const fields = { event: decision.code, transport, ip, status: decision.status, code: decision.code, origin: req.headers.origin?.slice(0, 200), host: req.headers.host?.slice(0, 200) };
      if (decision.status === 403 || decision.status === 421) log.warn(`security: upgrade refused (${decision.code})`, fields);
      else log.info('upgrade refused', fields);
      return decision;
    }
    if (closing) return shuttingDown;
    if (!ipCounter.tryAcquire(ip)) {
      deps.metrics?.rateLimited.inc({ transport, kind: 'connections' });
      log.warn('security: too many connections', { event: 'too_many_connections', transport, ip });
      return { ok: false, status: 429, code: 'too_many_connections', message: `At most ${config.limits.maxConnectionsPerIp} connections per address.` };
    }
    let released = false;
    const release = () => {
      if (!released) ipCounter.release(ip);
      released = true;
    };
    return { ok: true, scope: decision.scope, ip, release };
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', destroySocket);
    const admitted = await admit(req, () => decideUpgrade(deps, req), 'ws');
    if (!admitted.ok) return refuseUpgrade(socket, admitted.status, admitted.code, admitted.message);
    // Until the handshake completes the TCP socket's close frees the IP slot (ws destroys a socket
    // whose client already left without calling back); from then on the session's end does.
    socket.on('close', admitted.release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', admitted.release);
      // ws listens for the socket's errors itself from here on (and destroys it).
      socket.off('error', destroySocket);
      open(ws, admitted.scope, admitted.ip, 'ws');
    });
  }

  // Outside upgrade(), so an open socket's listeners do not keep the upgrade's request, decision
  // and head buffer alive. The session tells `ended` when its socket closes.
  function open(ws: RealtimeSocket, scope: SocketScope, ip: string, transport: TransportKind): Session {
    return startSession(sessionDeps, ws, scope, randomUUID(), ip, transport);
  }

  const streams = createStreams({ config, log, bus: deps.bus, auth: deps.auth, store: deps.store, admit: (req, decide) => admit(req, decide, 'stream'), open: (socket, scope, ip) => open(socket, scope, ip, 'stream') });

  return {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((err) => {
        log.error('upgrade failed', { err });
        refuseUpgrade(socket, 503, 'internal', 'Something went wrong on the server.');
      });
    },
    get size() {
      return sessions.size;
    },
    countByRole() {
      const counts: Record<string, number> = { visitor: 0, staff: 0, pending: 0 };
      for (const session of sessions.values()) if (session.transport === 'ws') counts[session.role] += 1;
      return counts;
    },
    countSessions() {
      const counts = new Map<string, { transport: TransportKind; role: string; n: number }>();
      for (const t of ['ws', 'stream'] as const) for (const role of ['visitor', 'staff', 'pending']) counts.set(`${t} ${role}`, { transport: t, role, n: 0 });
      for (const session of sessions.values()) counts.get(`${session.transport} ${session.role}`)!.n += 1;
      return [...counts.values()];
    },
    streams,
    async close() {
      closing = true;
      heartbeat.stop();
      const open = [...sessions.values()].map((s) => [s.ws, s] as const);
      const closed = open.map(([ws]) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()))));
      // Commands already received are answered first (commits included), for at most shutdownMs.
      const answered = Promise.all(open.map(([, s]) => s.closeAfterAnswers(CloseCodes.goingAway, 'shutting_down', 'shutting_down').catch(() => {})));
      let cut: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([answered, new Promise<void>((resolve) => (cut = setTimeout(resolve, config.shutdownMs)))]);
      clearTimeout(cut);
      for (const [ws] of open) if (ws.readyState === ws.OPEN) ws.close(CloseCodes.goingAway, 'shutting_down');
      // Clients normally answer the close at once; do not let a silent one hold the shutdown.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, Math.min(config.shutdownMs, 2000)).unref());
      await Promise.race([Promise.all(closed), grace]);
      for (const [ws] of open) if (ws.readyState !== ws.CLOSED) ws.terminate();
      wss.close();
      await streams.close();
    },
  };
}
