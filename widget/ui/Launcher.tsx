import type { Ref } from 'preact';
import type { Translate } from '../i18n.ts';
import { Icon } from './icons.tsx';

interface Props {
  btnRef: Ref<HTMLButtonElement>;
  open: boolean;
  unread: number;
  t: Translate;
  pos: Record<string, string | number>;
  onClick: () => void;
}

/** The round button in the corner, with the unread badge. */
export function Launcher({ btnRef, open, unread, t, pos, onClick }: Props) {
  const label = open ? t('closeChat') : t('openChat') + (unread ? ' (' + t('unread', { n: unread }) + ')' : '');
  return (
    <button
      ref={btnRef}
      type="button"
      class={'launcher' + (open ? ' open' : '')}
      style={pos}
      aria-label={label}
      aria-expanded={open}
      data-testid="parley-launcher"
      onClick={onClick}
    >
      <Icon name={open ? 'down' : 'chat'} />
      {unread > 0 && !open && (
        <span class="badge" data-testid="parley-unread" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
