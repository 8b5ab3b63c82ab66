import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../state/store.ts';

/** Subscribe a component to a store; re-renders on every new snapshot. */
export function useStore<T>(store: Store<T>): T {
  const [, force] = useState(0);
  useEffect(() => store.subscribe(() => force((n) => n + 1)), [store]);
  return store.get();
}
