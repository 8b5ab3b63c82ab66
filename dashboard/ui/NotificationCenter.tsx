import { useEffect, useRef, useState } from 'preact/hooks';
import type { Notification } from '../../protocol/index.ts';
import { unlockAudio } from '../app/alerts.ts';
import type { Workspace } from '../app/workspace.ts';
import { stamp, t } from '../i18n/index.ts';
import { BellIcon, CheckIcon } from './icons.tsx';
import { NotificationPreferencesForm } from './NotificationPreferences.tsx';
import { useStore } from './use-store.ts';

/** What one notification says, as text (never HTML: names and excerpts are people's words). */
export function notificationTitle(n: Notification): string {
  const name = n.actorName || (n.actor?.kind === 'visitor' ? t('common.aVisitor') : t('common.colleague'));
  switch (n.kind) {
    case 'assigned':
      return t('notif.assigned', { name });
    case 'mention':
      return t('notif.mention', { name });
    case 'reply':
      return t('notif.reply', { name });
    case 'rating':
      return t('notif.rating', { name, score: n.score ?? 0 });
    case 'waiting':
      return t('notif.waiting');
  }
}

/**
 * The bell in the top bar with the agent's unread count, and its panel: newest first, unread ones
 * emphasized, each opening its conversation; mark one or all read; which kinds notify, sound and
 * desktop (stored on the server: the same on every device). Reading here clears every other tab.
 */
export function NotificationCenter({ ws }: { ws: Workspace }) {
  const state = useStore(ws.stores.notifications);
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
    };
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const now = Date.now();

  return (
    <div class="notif-center" ref={root}>
      <button
        class="icon-btn notif-bell"
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={t('notif.bell', { n: state.unread })}
        title={t('notif.title')}
        onClick={() => {
          unlockAudio();
          setOpen(!open);
        }}
        data-testid="notification-bell"
        data-count={state.unread}
      >
        <BellIcon />
        {state.unread > 0 && (
          <span class="notif-count" aria-hidden="true" data-testid="notification-count">
            {state.unread > 99 ? '99+' : state.unread}
          </span>
        )}
      </button>
      {open && (
        <div class="notif-panel" role="dialog" aria-label={t('notif.title')} data-testid="notification-panel">
          <div class="notif-head">
            <h2>{t('notif.title')}</h2>
            <button class="btn btn-ghost btn-sm" type="button" disabled={state.unread === 0} onClick={() => void ws.readNotifications({ all: true })} data-testid="notification-read-all">
              {t('notif.markAll')}
            </button>
            <button class="btn btn-ghost btn-sm" type="button" aria-expanded={settings} onClick={() => setSettings(!settings)} data-testid="notification-settings-button">
              {t('notif.settings')}
            </button>
          </div>
          {settings && <NotificationPreferencesForm ws={ws} />}
          {state.items.length === 0 ? (
            <p class="notif-empty muted">{t('notif.empty')}</p>
          ) : (
            <ul class="notif-list" data-testid="notification-list">
              {state.items.map((n) => (
                <li key={n.id} class={n.readAt === null ? 'notif-item unread' : 'notif-item'} data-testid="notification-item" data-kind={n.kind} data-read={n.readAt !== null}>
                  <button
                    type="button"
                    class="notif-open"
                    onClick={() => {
                      setOpen(false);
                      ws.select(n.conversationId);
                    }}
                    data-testid="notification-open"
                  >
                    {n.readAt === null && <span class="sr-only">{t('notif.unreadMark')}: </span>}
                    <span class="notif-title">{notificationTitle(n)}</span>
                    {n.excerpt && <span class="notif-excerpt">{n.excerpt}</span>}
                    <time class="notif-time muted" dateTime={new Date(n.createdAt).toISOString()}>
                      {stamp(n.createdAt, now)}
                    </time>
                  </button>
                  {n.readAt === null && (
                    <button class="icon-btn" type="button" aria-label={t('notif.markRead')} title={t('notif.markRead')} onClick={() => void ws.readNotifications({ ids: [n.id] })} data-testid="notification-read">
                      <CheckIcon />
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {state.nextCursor && (
            <button class="btn btn-ghost btn-sm notif-more" type="button" onClick={() => void ws.loadMoreNotifications()}>
              {t('notif.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
