import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { computeWindow, scrollToReveal, shouldLoadMore } from '../state/virtual-window.ts';

interface Props {
  count: number;
  rowHeight: number;
  overscan?: number;
  /** Index to keep in view (keyboard navigation); -1 for none. */
  revealIndex: number;
  /** Called when the visible window nears the end (infinite scroll). */
  onNearEnd: () => void;
  renderRow: (index: number) => ComponentChildren;
  label: string;
  testId?: string;
}

/**
 * A fixed-row-height virtual list: only the rows in view (plus overscan) exist in the DOM, so
 * an inbox of 10,000 conversations scrolls like one of 20.
 */
export function VirtualList({ count, rowHeight, overscan = 6, revealIndex, onNearEnd, renderRow, label, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const win = computeWindow({ scrollTop, viewportHeight: height, rowHeight, count, overscan });

  useEffect(() => {
    if (shouldLoadMore(win, count, overscan * 2)) onNearEnd();
  }, [win.end, count]);

  useEffect(() => {
    const el = ref.current;
    if (!el || revealIndex < 0) return;
    const next = scrollToReveal(revealIndex, el.scrollTop, el.clientHeight, rowHeight);
    if (next !== null) el.scrollTop = next;
  }, [revealIndex]);

  const rows: ComponentChildren[] = [];
  for (let i = win.start; i < win.end; i++) rows.push(renderRow(i));

  return (
    <div class="vlist" ref={ref} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid={testId} data-count={count}>
      <div style={{ height: `${win.totalHeight}px`, position: 'relative' }}>
        <ul class="vlist-rows" role="list" aria-label={label} style={{ transform: `translateY(${win.offsetTop}px)` }}>
          {rows}
        </ul>
      </div>
    </div>
  );
}
