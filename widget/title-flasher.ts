/**
 * Flashes document.title ("(1) New message" <-> the page's own title) while a staff message is
 * unseen, and restores the page's title exactly when stopped. If the page changes its own title
 * meanwhile (SPA navigation), that new title is what gets restored.
 */
export interface TitleFlasherDeps {
  doc: { title: string };
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  intervalMs?: number;
}

export interface TitleFlasher {
  /** Start (or update the text of) the flashing. */
  flash(text: string): void;
  stop(): void;
  readonly active: boolean;
}

export function createTitleFlasher(deps: TitleFlasherDeps): TitleFlasher {
  const { doc } = deps;
  let handle: unknown = null;
  let original = '';
  let text = '';
  /** The last title we wrote; anything else found in doc.title was written by the page. */
  let written: string | null = null;

  const write = (t: string) => {
    written = t;
    doc.title = t;
  };
  const tick = () => {
    if (doc.title !== written) {
      // The page set its own title meanwhile: remember it as the one to restore, keep flashing.
      original = doc.title;
      write(text);
    } else write(written === text ? original : text);
  };

  return {
    flash(t) {
      if (handle !== null) {
        if (doc.title === written && written === text) write(t);
        text = t;
        return;
      }
      text = t;
      original = doc.title;
      write(text);
      handle = deps.setInterval(tick, deps.intervalMs ?? 1200);
    },
    stop() {
      if (handle === null) return;
      deps.clearInterval(handle);
      handle = null;
      if (doc.title === written) doc.title = original;
      written = null;
    },
    get active() {
      return handle !== null;
    },
  };
}
