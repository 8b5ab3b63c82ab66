import { useEffect, useState } from 'preact/hooks';
import { partStringsReady } from '../part-language.ts';

/**
 * A hook for a part of the UI that lives in a lazy chunk (not needed on first open): the component
 * asks for it only when it would show it, renders nothing until it is in, and a failed load (network)
 * is tried again the next time it is wanted. `preload()` fetches it ahead of need (the visitor started
 * typing, so the thread their message appears in is there by the time they send).
 */
export interface LazyPart<T> {
  (wanted: boolean): T | null;
  preload(): void;
}

export function lazyPart<T>(load: () => Promise<T>): LazyPart<T> {
  let loading: Promise<T> | null = null;
  let loaded: T | null = null;
  // With the parts' strings in the visitor's language (part-strings.ts): a part renders with its text.
  const start = () => (loading ??= Promise.all([load(), partStringsReady()]).then(([m]) => (loaded = m)));
  const failed = () => void (loading = null);
  const useLazyPart = (wanted: boolean) => {
    const [part, setPart] = useState(loaded);
    useEffect(() => {
      if (!wanted || part) return;
      let live = true;
      start().then((m) => live && setPart(() => m), failed);
      return () => void (live = false);
    }, [wanted]);
    return part;
  };
  useLazyPart.preload = () => void start().catch(failed);
  return useLazyPart;
}
