import { ParleyError } from '../errors.ts';

/**
 * Whether writes are failing right now, for /readyz: a store whose reads answer but whose commits
 * time out (a lock held by another process, a stuck database) is not ready, or a load balancer keeps
 * sending it traffic that fails. Recovers by itself `windowMs` after the last failure, so a process
 * taken out of rotation (and so getting no writes to prove it works) comes back to be tried.
 */
export interface WriteHealth {
  /** A write committed. */
  ok(): void;
  /** A write failed with `unavailable`. */
  failed(err: ParleyError): void;
  /** Throws the last failure while writes are failing. */
  check(): void;
}

export function createWriteHealth(now: () => number = Date.now, windowMs = 10_000): WriteHealth {
  let lastOk = 0;
  let lastFailure: { at: number; err: ParleyError } | null = null;
  return {
    ok: () => void (lastOk = now()),
    failed: (err) => void (lastFailure = { at: now(), err }),
    check() {
      if (!lastFailure || lastFailure.at < lastOk || now() - lastFailure.at > windowMs) return;
      throw new ParleyError('unavailable', `Writes to the database are failing: ${lastFailure.err.message}`);
    },
  };
}

/** Records an append's outcome: `unavailable` counts as a failure, anything else (even a refusal) as a working database. */
export function track<T>(health: WriteHealth, p: Promise<T>): Promise<T> {
  return p.then(
    (v) => (health.ok(), v),
    (err) => {
      if (err instanceof ParleyError && err.code === 'unavailable') health.failed(err);
      else health.ok();
      throw err;
    },
  );
}
