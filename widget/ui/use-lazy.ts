import { useEffect, useState } from 'preact/hooks';

/**
 * A hook for a part of the UI that lives in a lazy chunk (not needed on first open): the component
 * asks for it only when it would show it, renders nothing until it is in, and a failed load (network)
 * is tried again the next time it is wanted.
 */
export function lazyPart<T>(load: () => Promise<T>): (wanted: boolean) => T | null {
  let loading: Promise<T> | null = null;
  let loaded: T | null = null;
  return function useLazyPart(wanted) {
    const [part, setPart] = useState(loaded);
    useEffect(() => {
      if (!wanted || part) return;
      let live = true;
      (loading ??= load().then((m) => (loaded = m))).then(
        (m) => live && setPart(() => m),
        () => (loading = null),
      );
      return () => void (live = false);
    }, [wanted]);
    return part;
  };
}
