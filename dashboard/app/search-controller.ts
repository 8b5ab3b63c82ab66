import type { SearchHit } from '../../protocol/index.ts';
import type { DashboardApi } from '../api.ts';
import { errorText } from '../i18n/error-text.ts';
import { createStore } from '../state/store.ts';

/**
 * Message search for the inbox (GET /api/v1/search): the hits with their marked snippets. Each
 * query starts a new generation, so an answer for an older query never replaces a newer one.
 */
export interface SearchState {
  q: string;
  hits: SearchHit[];
  loading: boolean;
  error: string | null;
}

export const emptySearch: SearchState = { q: '', hits: [], loading: false, error: null };

export function createSearchController(api: Pick<DashboardApi, 'search'>) {
  const store = createStore<SearchState>(emptySearch);
  let generation = 0;

  async function search(q: string): Promise<void> {
    const query = q.trim();
    const gen = ++generation;
    if (!query) return store.set(emptySearch);
    const prev = store.get();
    store.set({ q: query, hits: prev.q === query ? prev.hits : [], loading: true, error: null });
    try {
      const { hits } = await api.search(query);
      if (gen === generation) store.set({ q: query, hits, loading: false, error: null });
    } catch (err) {
      if (gen === generation) store.set({ q: query, hits: [], loading: false, error: errorText(err) });
    }
  }

  return { store, search };
}

export type SearchController = ReturnType<typeof createSearchController>;
