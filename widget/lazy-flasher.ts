import type { TitleFlasher } from './title-flasher.ts';

/**
 * The title flasher (title-flasher.ts) is a lazy chunk: only a staff message while the chat is closed
 * or the tab hidden needs it. A stop before the chunk arrived cancels the flash it was asked for.
 */
export function createLazyFlasher(win: Window): Pick<TitleFlasher, 'flash' | 'stop'> {
  let real: TitleFlasher | null = null;
  let wanted = false;
  return {
    flash(text) {
      wanted = true;
      import('./ui/chat-parts.ts').then((m) => {
        real ??= m.createTitleFlasher({
          doc: win.document,
          setInterval: (f, ms) => win.setInterval(f, ms),
          clearInterval: (h) => win.clearInterval(h as number),
        });
        if (wanted) real.flash(text);
      }, noop);
    },
    stop() {
      wanted = false;
      real?.stop();
    },
  };
}

function noop() {}
