import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../state.ts';

/** Re-renders the component whenever the store changes. */
export function useStore<S>(store: Store<S>): S {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
