export interface PeriodicCheck {
  /** Runs the check now (joining one in progress); resolves with its count. */
  check(): Promise<number>;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `wake` every `intervalMs`, never two at once (a tick during a run joins it); 0: never by
 * itself (check() still works). The snooze waker and the routing sweep use it.
 */
export function startPeriodicCheck(d: { wake: () => Promise<number>; intervalMs: number; onError: (err: unknown) => void }): PeriodicCheck {
  let running: Promise<number> | null = null;
  const check = (): Promise<number> => {
    running ??= d.wake().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = d.intervalMs > 0 ? setInterval(() => check().catch(d.onError), Math.min(d.intervalMs, 2 ** 31 - 1)) : null;
  timer?.unref?.();
  return {
    check,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
