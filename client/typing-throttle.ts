/**
 * The typing signal both UIs send (widget composer, dashboard composer): `typing: true` at most once
 * per `refreshMs` while keys keep coming (the server expires an indicator limits.typingTtlMs after
 * its last refresh, so refreshMs must stay below it), `typing: false` after `idleMs` without keys, or
 * at once on stop (message sent, composer closed, conversation switched). Timers are injected.
 */
export interface TypingThrottleDeps {
  send: (typing: boolean) => void;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Default 2000 ms: well under the default 6 s typing TTL. */
  refreshMs?: number;
  /** Default 3000 ms. */
  idleMs?: number;
}

export interface TypingThrottle {
  /** Call on every input event. */
  keystroke(): void;
  /** Call on send, blur, close or switching conversations; sends `false` only if `true` was sent. */
  stop(): void;
}

export function createTypingThrottle(d: TypingThrottleDeps): TypingThrottle {
  const refreshMs = d.refreshMs ?? 2000;
  const idleMs = d.idleMs ?? 3000;
  let lastSent = -Infinity;
  let active = false;
  let idle: unknown = null;

  const stop = (): void => {
    if (idle !== null) d.clearTimeout(idle);
    idle = null;
    if (!active) return;
    active = false;
    lastSent = -Infinity;
    d.send(false);
  };

  return {
    keystroke() {
      const t = d.now();
      if (!active || t - lastSent >= refreshMs) {
        active = true;
        lastSent = t;
        d.send(true);
      }
      if (idle !== null) d.clearTimeout(idle);
      idle = d.setTimeout(stop, idleMs);
    },
    stop,
  };
}
