import type { Store, UploadState, WidgetState } from './state.ts';
import { uploadAttachment } from './upload.ts';
import { uploadTooLarge, type UploadRefusal } from '../client/upload-refusal.ts';
import type { Translate } from './i18n.ts';
import { partText } from './part-strings.ts';

/**
 * Files the visitor attached to the message being written: each is checked against
 * limits.maxUploadBytes before any byte is sent, uploaded with progress, and its attachment id is
 * taken by the next send. A refusal (code and sentence) stays visible on the chip until removed.
 */
export interface Uploads {
  add(files: ArrayLike<File>): void;
  remove(id: string): void;
  /** Ids of finished uploads, which are cleared from the composer. */
  takeReady(): string[];
  readonly busy: boolean;
  clear(): void;
}

export function createUploads(store: Store<WidgetState>, apiBase: string, t: Translate, locale: string): Uploads {
  const f = partText('file');
  const aborts = new Map<string, () => void>();
  let n = 0;
  const patch = (id: string, p: Partial<UploadState>) =>
    store.set((s) => ({ uploads: s.uploads.map((u) => (u.id === id ? { ...u, ...p } : u)) }));

  /** Every refusal, the browser's own check or the server's, reaches the chip this one way. */
  const refuse = (id: string, r: UploadRefusal) => patch(id, { error: r.text, code: r.code });

  function addOne(file: File): void {
    const id = 'u' + ++n;
    const name = file.name || f('attachment');
    const { limits, token, conversationId } = store.get();
    store.set((s) => ({ uploads: [...s.uploads, { id, name, progress: 0 }] }));
    const over = uploadTooLarge(file, limits);
    if (over) return refuse(id, { code: over.code, text: f('tooLarge', { name, size: formatBytes(over.limit) }) });
    const up = uploadAttachment({ apiBase, token, file, conversationId, onProgress: (f) => patch(id, { progress: f }) });
    aborts.set(id, up.abort);
    up.done.then(
      (attachment) => patch(id, { attachment, progress: 1 }),
      (err: { code?: string; message: string }) => {
        if (err.code === 'stopped') return;
        // A refusal: the server's own code and words; no answer (network): our sentence, no code.
        refuse(id, !err.code || err.code === 'disconnected' ? { text: t('uploadFailed', { name }) } : { code: err.code, text: err.message });
      },
    ).finally(() => aborts.delete(id));
  }

  return {
    add(files) {
      for (let i = 0; i < files.length; i++) addOne(files[i]);
    },
    remove(id) {
      aborts.get(id)?.();
      store.set((s) => ({ uploads: s.uploads.filter((u) => u.id !== id) }));
    },
    takeReady() {
      const ready = store.get().uploads.filter((u) => u.attachment);
      if (ready.length) store.set((s) => ({ uploads: s.uploads.filter((u) => !u.attachment) }));
      return ready.map((u) => u.attachment!.id);
    },
    get busy() {
      return store.get().uploads.some((u) => !u.attachment && !u.error);
    },
    clear() {
      for (const a of aborts.values()) a();
      store.set({ uploads: [] });
    },
  };
}

/** "2.5 MB" style sizes for the upload limit message. */
export function formatBytes(n: number): string {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB';
  return Math.round((n / (1024 * 1024)) * 10) / 10 + ' MB';
}
