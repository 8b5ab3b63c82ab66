import { CHAT_ICON } from '../shell.ts';

/**
 * Inline SVG icons (24x24 paths); decorative, so hidden from assistive tech. The named ones are those
 * a first open draws; lazy parts pass the path of their own (lazy-icons.ts) as `d`.
 */
const PATHS = {
  chat: CHAT_ICON,
  down: 'M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1 0-1.4z',
  send: 'M3.4 20.4 21.9 12.9a1 1 0 0 0 0-1.8L3.4 3.6a.8.8 0 0 0-1.1.9L4.5 11l9 1-9 1-2.2 6.5a.8.8 0 0 0 1.1.9z',
  clip: 'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z',
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
