import { CHAT_ICON } from '../shell.ts';

/** Inline SVG icons (24x24 paths); decorative, so hidden from assistive tech. */
const PATHS = {
  chat: CHAT_ICON,
  down: 'M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1 0-1.4z',
  send: 'M3.4 20.4 21.9 12.9a1 1 0 0 0 0-1.8L3.4 3.6a.8.8 0 0 0-1.1.9L4.5 11l9 1-9 1-2.2 6.5a.8.8 0 0 0 1.1.9z',
  clip: 'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z',
  clock: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z',
  checks: 'M18 7l-1.4-1.4-6.3 6.3 1.4 1.4L18 7zm4.2-1.4L11.7 16.2 7.5 12l-1.4 1.4 5.6 5.6 12-12-1.5-1.4zM.4 13.4 6 19l1.4-1.4L1.8 12 .4 13.4z',
  alert: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2v2zm0-4h-2V7h2v6z',
  list: 'M3 6h18v2H3V6zm0 5h18v2H3v-2zm0 5h12v2H3v-2z',
};
export type IconName = keyof typeof PATHS;

/** `d`: a path of the icon's own, for icons only a lazy part shows (it then travels in that chunk). */
export function Icon({ name, d, class: cls }: { name?: IconName; d?: string; class?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class={cls}>
      <path d={d || PATHS[name!]} />
    </svg>
  );
}
