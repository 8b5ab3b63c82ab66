import type { Store, WidgetState } from './state.ts';
import type { Translate } from './i18n.ts';
import type { Uploads } from './uploads.ts';
import { partStringsReady } from './part-language.ts';

/**
 * The uploads (uploads.ts, upload.ts) are a lazy chunk: most chats carry no file, so the first open
 * does not carry the code. This stand-in loads it on the first file and forwards to it; until then
 * there is nothing to remove, take or clear. A chunk that cannot be fetched shows each file as failed.
 */
export function createLazyUploads(store: Store<WidgetState>, apiBase: string, t: Translate, locale: () => string): Uploads {
  let real: Uploads | null = null;
  let loading: Promise<Uploads> | null = null;
  let failed = 0;
  const load = () =>
    (loading ??= Promise.all([import('./ui/chat-parts.ts'), partStringsReady()]).then(
      ([m]) => (real = m.createUploads(store, apiBase, t, locale())),
      (e) => {
        loading = null; // tried again with the next file
        throw e;
      },
    ));
  return {
    add(files) {
      // Copied now: a file input's FileList is emptied when the input is reset.
      const list = Array.prototype.slice.call(files) as File[];
      load().then(
        (u) => u.add(list),
        () =>
          store.set((s) => ({
            uploads: [...s.uploads, ...list.map((f) => ({ id: 'x' + ++failed, name: f.name, progress: 0, error: t('uploadFailed', { name: f.name }) }))],
          })),
      );
    },
    remove(id) {
      if (real) real.remove(id);
      else store.set((s) => ({ uploads: s.uploads.filter((u) => u.id !== id) }));
    },
    takeReady: () => (real ? real.takeReady() : []),
    get busy() {
      return !!real && real.busy;
    },
    clear() {
      if (real) real.clear();
      else store.set({ uploads: [] });
    },
  };
}
