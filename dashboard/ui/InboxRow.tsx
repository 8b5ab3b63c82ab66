import type { InboxItem, StaffMember } from '../../protocol/index.ts';
import { initials, preview, visitorName } from '../state/format.ts';
import { stamp, t } from '../i18n/index.ts';
import { anyMarked, markQuery } from '../state/search.ts';
import { Marked } from './SearchHits.tsx';

interface Props {
  /** Its team's name; undefined: no team (or one deleted). */
  teamName?: string;
  item: InboxItem;
  index: number;
  total: number;
  unread: number;
  /** Its place in the assignment queue (1: next), while it waits for an agent. */
  queuePlace?: number;
  selected: boolean;
  /** False while the dashboard's connection is down: no visitor is shown online then. */
  presenceKnown: boolean;
  myId: string;
  staffById: Record<string, StaffMember>;
  now: number;
  /** The inbox search, when there is one: the visitor's name or address words it matched are marked. */
  query?: string;
  onSelect: (id: string) => void;
}

export function InboxRow({ item, index, total, unread, queuePlace, selected, presenceKnown, myId, staffById, teamName, now, query = '', onSelect }: Props) {
  const online = presenceKnown && item.visitorOnline;
  const name = visitorName(item.visitor);
  // A row found by its visitor's address shows the address too, marked (the name alone would not say why).
  const email = item.visitor.email && item.visitor.email !== name ? markQuery(item.visitor.email, query) : [];
  const assignee = item.assigneeId ? (item.assigneeId === myId ? t('common.you') : (staffById[item.assigneeId]?.name ?? t('common.agent'))) : null;
  return (
    <li class="inbox-li" aria-setsize={total} aria-posinset={index + 1}>
      <button
        type="button"
        class={`inbox-row${selected ? ' is-selected' : ''}${unread ? ' is-unread' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(item.id)}
        data-testid="inbox-row"
        data-conversation-id={item.id}
        data-status={item.status}
        data-unread={unread}
      >
        <span class="avatar" aria-hidden="true">
          {initials(name)}
          {online && <span class="online-dot" data-testid="visitor-online" />}
        </span>
        <span class="row-main">
          <span class="row-top">
            <span class="row-name" data-testid="row-name">
              <Marked parts={markQuery(name, query)} />
            </span>
            {anyMarked(email) && (
              <span class="row-email" data-testid="row-email">
                <Marked parts={email} />
              </span>
            )}
            {online && <span class="sr-only">{t('row.online')}</span>}
            <span class={`badge ${item.visitor.identified ? 'badge-identified' : 'badge-anon'}`} data-testid="identity-badge">
              {item.visitor.identified ? t('badge.identified') : t('badge.anonymous')}
            </span>
            <time class="row-time" dateTime={new Date(item.lastActivityAt).toISOString()}>
              {stamp(item.lastActivityAt, now)}
            </time>
          </span>
          <span class="row-bottom">
            <span class="row-preview" data-testid="row-preview">
              {preview(item, myId, staffById)}
            </span>
            {unread > 0 && (
              <span class="unread-badge" data-testid="unread-badge">
                <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                <span class="sr-only">{t('row.unread', { n: unread })}</span>
              </span>
            )}
          </span>
          <span class="row-meta">
            <span class={`status-pill status-${item.status}`}>{t(`status.${item.status}`)}</span>
            {item.priority && item.priority !== 'none' && (
              <span class={`priority-pill priority-${item.priority}`} data-testid="row-priority" data-priority={item.priority}>
                {t(`priority.${item.priority}`)}
              </span>
            )}
            {teamName && (
              <span class="team-chip" data-testid="row-team" data-team={teamName}>
                {teamName}
              </span>
            )}
            {(item.labels ?? []).map((l) => (
              <span key={l} class="label-chip" data-testid="row-label">
                {l}
              </span>
            ))}
            <span class="row-assignee" data-testid="row-assignee">
              {assignee ?? (queuePlace ? t('row.queued', { n: queuePlace }) : t('common.unassigned'))}
            </span>
          </span>
        </span>
      </button>
    </li>
  );
}
