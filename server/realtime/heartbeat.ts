import type { RealtimeSocket } from './socket.ts';

/**
 * Liveness, one timer for all sockets. Every `intervalMs`: a socket that has not answered the
 * previous ping is terminated (a half-open TCP connection never delivers a close), every other
 * one gets a new ws ping plus the app-level `heartbeat` frame browsers can see (they have no
 * ping API) to detect half-open sockets on their side.
 *
 * Nothing is made per socket but its entry in the map: the target (the session) carries its own
 * `awaitingPong` flag, and one 'pong' listener serves every socket (findings.md #19). The map is also
 * the gateway's list of its open sessions (values(), size): every session is tracked from its start
 * to its close, so a second map of the same sockets would only cost an entry each.
 */
export interface HeartbeatTarget {
  readonly ws: RealtimeSocket;
  /** Set by the heartbeat when it pings, cleared by the pong. */
  awaitingPong: boolean;
  /** Sends the app-level heartbeat frame (respects backpressure). */
  sendHeartbeat(t: number): void;
  /** Called right before terminating, so the session can log it. */
  onMissedPong(): void;
}

export interface Heartbeat<T extends HeartbeatTarget = HeartbeatTarget> {
  track(target: T): void;
  untrack(target: T): void;
  /** The targets tracked now (each open session, from its start to its close). */
  values(): IterableIterator<T>;
  readonly size: number;
  /** Stops the timer; targets stay until untracked (a closing session still untracks itself). */
  stop(): void;
}

export interface HeartbeatOptions {
  intervalMs: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function createHeartbeat<T extends HeartbeatTarget = HeartbeatTarget>(opts: HeartbeatOptions): Heartbeat<T> {
  const now = opts.now ?? Date.now;
  const targets = new Map<RealtimeSocket, T>();
  const setI = opts.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const clearI = opts.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  // `this` is the socket that emitted 'pong' (an EventEmitter calls its listeners with itself).
  function onPong(this: RealtimeSocket): void {
    const target = targets.get(this);
    if (target) target.awaitingPong = false;
  }

  const tick = () => {
    const t = now();
    for (const target of targets.values()) {
      if (target.ws.readyState !== target.ws.OPEN) continue;
      if (target.awaitingPong) {
        target.onMissedPong();
        target.ws.terminate();
        continue;
      }
      target.awaitingPong = true;
      target.ws.ping();
      target.sendHeartbeat(t);
    }
  };
  const handle = opts.intervalMs > 0 ? setI(tick, opts.intervalMs) : null;

  return {
    track(target) {
      target.awaitingPong = false;
      targets.set(target.ws, target);
      target.ws.on('pong', onPong);
    },
    untrack(target) {
      if (targets.get(target.ws) !== target) return;
      target.ws.off('pong', onPong);
      targets.delete(target.ws);
    },
    values: () => targets.values(),
    get size() {
      return targets.size;
    },
    stop() {
      if (handle !== null) clearI(handle);
    },
  };
}
