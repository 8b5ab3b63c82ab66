import { useLayoutEffect, useRef } from 'preact/hooks';
import { addSheet } from '../style-sheet.ts';

/**
 * A lazy part's CSS, added to the widget's shadow root while the part is shown, the CSP-safe way
 * (style-sheet.ts) rather than as a <style> element a strict host page would block.
 */
export function Sheet({ css }: { css: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => addSheet(ref.current!.getRootNode() as ShadowRoot, css), [css]);
  return <span ref={ref} hidden />;
}
