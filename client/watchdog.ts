/**
 * Fires `onSilence` when no frame has arrived for `timeoutMs`. Browsers have no ws ping API, so
 * the server sends an app-level {type:'heartbeat'} every heartbeatMs; a socket that stays silent
 * for two intervals plus a margin is half-open (sleeping laptop, dead NAT entry) and is replaced.
 */
export interface Watchdog {
  /** Start (or restart) watching with a new limit. */
  arm(timeoutMs: number): void;
  /** A frame arrived: restart the countdown with the current limit. No-op when not armed. */
  feed(): void;
  stop(): void;
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export function silenceLimit(heartbeatMs: number, marginMs: number): number {
  return heartbeatMs * 2 + marginMs;
}

export function createWatchdog(timers: Timers, onSilence: () => void): Watchdog {
  let limit: number | undefined;
  let handle: unknown;
  const clear = () => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
  };
  const restart = () => {
    clear();
    if (limit === undefined) return;
    handle = timers.setTimeout(() => {
      handle = undefined;
      limit = undefined;
      onSilence();
    }, limit);
  };
  return {
    arm(timeoutMs) {
      limit = timeoutMs;
      restart();
    },
    feed: restart,
    stop() {
      limit = undefined;
      clear();
    },
  };
}
