import type { Ref } from 'preact';
import type { Translate } from '../i18n.ts';
import { Icon } from './icons.tsx';

interface Props {
  btnRef: Ref<HTMLButtonElement>;
  open: boolean;
  unread: number;
  /** The server cannot be reached (yet): the launcher stays, and says so. */
  connecting: boolean;
  t: Translate;
  pos: Record<string, string | number>;
  /** The site's launcher label: shown beside the icon (the button grows into a pill). */
  label?: string;
  onClick: () => void;
}

/** The round button in the corner, with the unread badge, or a grey dot while it cannot reach the server. */
export function Launcher({ btnRef, open, unread, connecting, t, pos, label, onClick }: Props) {
  const aria = open
    ? t('closeChat')
    : // "Open chat, 2 unread": the badge's number is a word of the name (axe: label-content-name-mismatch).
      t('openChat') + (unread ? ', ' + t('unread', { n: unread }) : connecting ? ', ' + t('connecting') : '');
  return (
    <button
      ref={btnRef}
      type="button"
      class={'launcher' + (open ? ' open' : label ? ' labelled' : '')}
      style={pos}
      aria-label={aria}
      aria-expanded={open}
      data-testid="parley-launcher"
      data-connecting={connecting || undefined}
      title={connecting && !open ? t('connecting') : undefined}
      onClick={onClick}
    >
      <Icon name={open ? 'down' : 'chat'} />
      {label && !open && <span>{label}</span>}
      {connecting && !open && !unread && <span class="conn" aria-hidden="true" />}
      {unread > 0 && !open && (
        <span class="badge" data-testid="parley-unread" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
