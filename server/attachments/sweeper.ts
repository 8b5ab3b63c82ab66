import type { Store } from '../store/store.ts';

/**
 * Uploads are stored when they are picked, before the message that carries them is sent; a visitor
 * who picks a file and leaves would otherwise leave it on disk forever. Every `intervalMs` the
 * sweeper deletes the records of uploads older than `maxAgeMs` that no message carries, then their
 * files. Several processes may sweep at once: the store hands each record to one of them.
 */
export interface AttachmentSweeperDeps {
  store: Pick<Store, 'deleteUnsentAttachments'>;
  removeFile: (storagePath: string) => Promise<void>;
  maxAgeMs: number;
  intervalMs: number;
  now: () => number;
  onError: (err: unknown) => void;
  /** Records handled per store call (default 500); a sweep loops until none is left. */
  batch?: number;
}

export interface AttachmentSweeper {
  /** One sweep now; resolves with how many uploads were removed. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export function startAttachmentSweeper(d: AttachmentSweeperDeps): AttachmentSweeper {
  const batch = d.batch ?? 500;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function sweepAll(): Promise<number> {
    let removed = 0;
    for (;;) {
      const gone = await d.store.deleteUnsentAttachments(d.now() - d.maxAgeMs, batch);
      // The records are gone already: every file must get its try, whatever happened to the one before.
      for (const a of gone) await d.removeFile(a.storagePath).catch(d.onError);
      removed += gone.length;
      if (gone.length < batch || stopped) return removed;
    }
  }

  const sweep = (): Promise<number> => {
    running ??= sweepAll().finally(() => {
      running = null;
    });
    return running;
  };

  // 0 turns the sweeper off; setInterval would run a delay past 2^31-1 ms at once, so longer ones are capped.
  const timer = d.intervalMs > 0 ? setInterval(() => sweep().catch(d.onError), Math.min(d.intervalMs, 2 ** 31 - 1)) : null;
  timer?.unref?.();

  return {
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
