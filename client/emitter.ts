/**
 * A tiny listener set. A listener that throws must not break the core (or the host page), so
 * each call is isolated and the error is reported (reportError in browsers, console elsewhere).
 */
export interface Emitter<T> {
  on(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

export function createEmitter<T>(): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (err) {
          report(err);
        }
      }
    },
  };
}

function report(err: unknown) {
  const g = globalThis as { reportError?: (e: unknown) => void };
  if (typeof g.reportError === 'function') g.reportError(err);
  else console.error(err);
}
