/**
 * Global keyboard shortcuts. They never fire while the agent types in a field, and never
 * with Ctrl/Meta/Alt (those belong to the browser).
 */
export type ShortcutAction = 'next' | 'previous' | 'reply' | 'resolve' | 'help' | 'close';

/** What each shortcut does is the catalogue's `shortcut.<action>`. */
export const SHORTCUTS: { keys: string[]; action: ShortcutAction }[] = [
  { keys: ['j', '↓'], action: 'next' },
  { keys: ['k', '↑'], action: 'previous' },
  { keys: ['r'], action: 'reply' },
  { keys: ['e'], action: 'resolve' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'close' },
];

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The event target's tag name and editability. */
  target?: { tagName?: string; isContentEditable?: boolean } | null;
}

export function isTypingTarget(target: KeyLike['target']): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'close';
  if (isTypingTarget(e.target)) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'r':
      return 'reply';
    case 'e':
      return 'resolve';
    case '?':
      return 'help';
    default:
      return null;
  }
}
