/**
 * Window math for the virtualized inbox: with a fixed row height only the rows that intersect
 * the viewport (plus overscan on each side) are rendered, so 10,000 rows cost as much as 20.
 */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the visible ones (smooth fast scrolling). */
  overscan: number;
}

export interface VirtualWindow {
  /** First rendered index (inclusive). */
  start: number;
  /** Last rendered index (exclusive). */
  end: number;
  /** Translate for the first rendered row. */
  offsetTop: number;
  /** Height of the whole scrollable list. */
  totalHeight: number;
}

export function computeWindow({ scrollTop, viewportHeight, rowHeight, count, overscan }: WindowInput): VirtualWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const firstVisible = Math.floor(top / rowHeight);
  const lastVisible = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(count, Math.max(lastVisible, firstVisible + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** Infinite scroll: fetch the next page when the window reaches the last `threshold` rows. */
export function shouldLoadMore(win: VirtualWindow, count: number, threshold: number): boolean {
  return count === 0 || win.end >= count - threshold;
}

/** scrollTop that brings row `index` fully into view (keyboard navigation), or null if it is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}
