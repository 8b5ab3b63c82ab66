import type { Timers } from './domain.ts';

/**
 * When an agent's counts are pushed: at most once per `intervalMs`, and only after they changed.
 * The first change after a quiet interval goes out at once (an agent sees a new message's count
 * without waiting); changes within the interval wait for its end and go out together, so a burst of
 * 1,000 visitor messages costs a handful of pushes, not 1,000. Each push carries the full counts.
 */
export interface UnreadPusher {
  /** The counts changed. */
  changed(): void;
  /** Push now whatever the interval (a new socket needs its counts). */
  pushNow(): void;
  dispose(): void;
}

export interface UnreadPusherOptions {
  intervalMs: number;
  now: () => number;
  timers: Timers;
  push: () => void;
}

export function createUnreadPusher(opts: UnreadPusherOptions): UnreadPusher {
  let lastAt = -Infinity;
  let timer: unknown;
  let dirty = false;
  let disposed = false;

  function send(): void {
    dirty = false;
    lastAt = opts.now();
    opts.push();
  }

  function due(): void {
    timer = undefined;
    if (!disposed && dirty) send();
  }

  return {
    changed() {
      if (disposed) return;
      dirty = true;
      if (timer !== undefined) return;
      const wait = lastAt + opts.intervalMs - opts.now();
      if (wait <= 0) send();
      else timer = opts.timers.setTimeout(due, wait);
    },
    pushNow() {
      if (!disposed) send();
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) opts.timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
