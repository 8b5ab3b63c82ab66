import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../use-action.tsx';

/** One page of a list read newest first, and the cursor of the next (older) page, if any. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page (the email outbox, a webhook's deliveries), whose reads and changes run
 * through useAction: `busy` while any runs, and one outcome line for a change's confirmation or a
 * refusal (with the server's code). `load(null)` reads the first page again, `load(next)` appends the
 * next; `change` does something to the list, then reads its first page again. The list is read anew
 * whenever `deps` change (a filter).
 */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<ListPage<T>>, deps: unknown[]) {
  const { busy, status, run } = useAction();
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const read = async (cursor: string | null) => {
    const page = await fetchPage(cursor);
    setItems((prev) => (cursor && prev ? [...prev, ...page.items] : page.items));
    setNext(page.nextCursor);
  };
  useEffect(() => void run(() => read(null)), deps);
  const load = (cursor: string | null) => void run(() => read(cursor));
  const change = (work: () => Promise<unknown>, done: string) =>
    void run(async () => {
      await work();
      await read(null);
    }, done);
  return { items, next, busy, status, load, change };
}
