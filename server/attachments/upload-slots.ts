import { fail } from '../errors.ts';

/**
 * Uploads in progress, per uploader and in this process (config.serverLimits.uploadsConcurrentPer*).
 * Each upload holds a disk stream and the request's buffers while it arrives; without a cap, a few
 * clients sending slowly could hold many at once. Over a limit: 429 `too_many_uploads`, at once,
 * before the body is read.
 */
export interface UploadSlots {
  /** Takes a slot for `uploader` (a principal key) or refuses; the returned function gives it back. */
  take(uploader: string): () => void;
  readonly inProgress: number;
}

export function createUploadSlots(limits: { perUploader: number; perProcess: number }): UploadSlots {
  const byUploader = new Map<string, number>();
  let total = 0;
  return {
    take(uploader) {
      const mine = byUploader.get(uploader) ?? 0;
      if (mine >= limits.perUploader) fail('too_many_uploads', `You already have ${mine} uploads in progress; wait for one to finish.`);
      if (total >= limits.perProcess) fail('too_many_uploads', 'The server is receiving too many uploads right now; try again in a moment.');
      byUploader.set(uploader, mine + 1);
      total += 1;
      let given = false;
      return () => {
        if (given) return;
        given = true;
        total -= 1;
        const left = (byUploader.get(uploader) ?? 1) - 1;
        if (left === 0) byUploader.delete(uploader);
        else byUploader.set(uploader, left);
      };
    },
    get inProgress() {
      return total;
    },
  };
}
