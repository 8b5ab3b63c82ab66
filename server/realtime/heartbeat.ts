import type { RealtimeSocket } from './socket.ts';

/**
 * Liveness, one timer for all sockets. Every `intervalMs`: a socket that has not answered the
 * previous ping is terminated (a half-open TCP connection never delivers a close), every other
 * one gets a new ws ping plus the app-level `heartbeat` frame browsers can see (they have no
 * ping API) to detect half-open sockets on their side.
 */
export interface HeartbeatTarget {
  ws: RealtimeSocket;
  /** Sends the app-level heartbeat frame (respects backpressure). */
  sendHeartbeat(t: number): void;
  /** Called right before terminating, so the session can log it. */
  onMissedPong(): void;
}

export interface Heartbeat {
  track(target: HeartbeatTarget): () => void;
  stop(): void;
}

export interface HeartbeatOptions {
  intervalMs: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function createHeartbeat(opts: HeartbeatOptions): Heartbeat {
  const now = opts.now ?? Date.now;
  const targets = new Map<HeartbeatTarget, { awaitingPong: boolean; onPong: () => void }>();
  const setI = opts.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const clearI = opts.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));

  const tick = () => {
    const t = now();
    for (const [target, state] of targets) {
      if (target.ws.readyState !== target.ws.OPEN) continue;
      if (state.awaitingPong) {
        target.onMissedPong();
        target.ws.terminate();
        continue;
      }
      state.awaitingPong = true;
      target.ws.ping();
      target.sendHeartbeat(t);
    }
  };
  const handle = opts.intervalMs > 0 ? setI(tick, opts.intervalMs) : null;

  return {
    track(target) {
      const state = { awaitingPong: false, onPong: () => (state.awaitingPong = false) };
      targets.set(target, state);
      target.ws.on('pong', state.onPong);
      return () => {
        target.ws.off('pong', state.onPong);
        targets.delete(target);
      };
    },
    stop() {
      if (handle !== null) clearI(handle);
      targets.clear();
    },
  };
}
