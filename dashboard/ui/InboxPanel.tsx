import { useEffect, useMemo, useState } from 'preact/hooks';
import { CONVERSATION_STATUSES, PRIORITIES, type ConversationStatus, type Priority } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import type { InboxView } from '../state/inbox.ts';
import { unreadOf } from '../state/unread.ts';
import { SearchIcon } from './icons.tsx';
import { InboxRow } from './InboxRow.tsx';
import { SearchHits } from './SearchHits.tsx';
import { useStore } from './use-store.ts';
import { VirtualList } from './VirtualList.tsx';
import { t } from '../i18n/index.ts';

const VIEWS: InboxView[] = ['mine', 'unassigned', 'all'];
const ROW_HEIGHT = 84;

export function InboxPanel({ ws }: { ws: Workspace }) {
  const inbox = useStore(ws.stores.inbox);
  const unread = useStore(ws.stores.unread);
  const selected = useStore(ws.stores.selected);
  const staff = useStore(ws.stores.staff);
  const teams = useStore(ws.stores.teams);
  const teamNames = new Map(teams.map((x) => [x.id, x.name]));
  const search = useStore(ws.stores.search);
  const queue = useStore(ws.stores.queue);
  const places = useMemo(() => new Map(queue.conversationIds.map((id, i) => [id, i + 1])), [queue]);
  const presenceKnown = useStore(ws.stores.connection) === 'connected';
  const [query, setQuery] = useState(inbox.filter.q);
  const [label, setLabel] = useState(inbox.filter.label);
  const [now, setNow] = useState(Date.now());

  const staffById = useMemo(() => Object.fromEntries(staff.map((s) => [s.id, s])), [staff]);

  // Debounced full-text search: one request after the agent stops typing.
  useEffect(() => {
    if (query === inbox.filter.q) return;
    const t = setTimeout(() => ws.setFilter({ q: query }), 300);
    return () => clearTimeout(t);
  }, [query]);

  // Relative times ("14:05", "Mon") only change slowly.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);

  const selectedIndex = selected ? inbox.order.indexOf(selected) : -1;
  const { filter } = inbox;

  return (
    <nav class="inbox" aria-label={t('inbox.label')}>
      <div class="inbox-head">
        <div class="inbox-title-row">
          <h2 class="pane-title">{t('inbox.title')}</h2>
          {unread.total > 0 && <span class="count-pill">{unread.total}</span>}
          {queue.waiting > 0 && (
            <span class="waiting-pill" role="status" data-testid="queue-waiting" data-waiting={queue.waiting}>
              {t('inbox.waiting', { n: queue.waiting })}
            </span>
          )}
        </div>
        <div class="segmented" role="group" aria-label={t('inbox.views')}>
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              class={filter.view === v ? 'is-active' : ''}
              aria-pressed={filter.view === v}
              onClick={() => ws.setFilter({ view: v })}
              data-testid={`view-${v}`}
            >
              {t(`view.${v}`)}
            </button>
          ))}
        </div>
        <div class="inbox-filters">
          <label class="search">
            <SearchIcon />
            <input
              type="search"
              placeholder={t('inbox.search')}
              aria-label={t('inbox.search')}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') ws.setFilter({ q: query });
              }}
              data-testid="inbox-search"
            />
          </label>
          <select
            aria-label={t('inbox.statusFilter')}
            value={filter.status ?? ''}
            onChange={(e) => ws.setFilter({ status: (e.currentTarget.value || null) as ConversationStatus | null })}
            data-testid="status-filter"
          >
            <option value="">{t('inbox.allStatuses')}</option>
            {CONVERSATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('inbox.priorityFilter')}
            value={filter.priority ?? ''}
            onChange={(e) => ws.setFilter({ priority: (e.currentTarget.value || null) as Priority | null })}
            data-testid="priority-filter"
          >
            <option value="">{t('inbox.allPriorities')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
          {teams.length > 0 && (
            <select aria-label={t('inbox.teamFilter')} value={filter.team ?? ''} onChange={(e) => ws.setFilter({ team: e.currentTarget.value })} data-testid="team-filter">
              <option value="">{t('inbox.allTeams')}</option>
              {teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
              <option value="none">{t('inbox.noTeam')}</option>
            </select>
          )}
          <input
            type="text"
            class="label-filter"
            placeholder={t('inbox.labelFilter')}
            aria-label={t('inbox.labelFilter')}
            value={label}
            onInput={(e) => setLabel(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') ws.setFilter({ label: label.trim() });
            }}
            onBlur={() => label.trim() !== filter.label && ws.setFilter({ label: label.trim() })}
            data-testid="label-filter"
          />
          <select aria-label={t('inbox.sort')} value={filter.sort} onChange={(e) => ws.setFilter({ sort: e.currentTarget.value as 'activity' | 'priority' })} data-testid="inbox-sort">
            <option value="activity">{t('inbox.sortActivity')}</option>
            <option value="priority">{t('inbox.sortPriority')}</option>
          </select>
        </div>
      </div>
      <SearchHits ws={ws} now={now} />
      {inbox.error && (
        <p class="inbox-error" role="alert">
          {t('inbox.loadFailed', { reason: inbox.error })}{' '}
          <button type="button" class="link-btn" onClick={() => ws.setFilter({})}>
            {t('common.tryAgain')}
          </button>
        </p>
      )}
      {inbox.loaded && inbox.order.length === 0 ? (
        <div class="inbox-empty" data-testid="inbox-empty">
          {filter.q && search.q === filter.q.trim() && search.hits.length > 0 ? (
            // Messages matched, but not in a conversation this view shows: say so rather than "no conversation mentions it".
            <>
              <p class="empty-sub" data-testid="inbox-hidden-by-filter">{t('inbox.hiddenByFilter')}</p>
              {(filter.status || filter.view !== 'all') && (
                <button type="button" class="link-btn" data-testid="inbox-show-all" onClick={() => ws.setFilter({ status: null, view: 'all' })}>
                  {t('inbox.showAll')}
                </button>
              )}
            </>
          ) : (
            <>
              <p class="empty-title">{filter.q ? t('inbox.noMatches') : t('inbox.empty')}</p>
              <p class="empty-sub">{filter.q ? t('inbox.noMention', { q: filter.q }) : t('inbox.emptySub')}</p>
            </>
          )}
        </div>
      ) : (
        <VirtualList
          count={inbox.order.length}
          rowHeight={ROW_HEIGHT}
          revealIndex={selectedIndex}
          onNearEnd={() => void ws.loadMoreInbox()}
          label={t('inbox.list')}
          testId="inbox-list"
          renderRow={(i) => {
            const item = inbox.byId[inbox.order[i]];
            return (
              <InboxRow
                key={item.id}
                item={item}
                index={i}
                total={inbox.order.length}
                unread={unreadOf(unread, item.id)}
                queuePlace={places.get(item.id)}
                selected={item.id === selected}
                presenceKnown={presenceKnown}
                myId={ws.me.id}
                staffById={staffById}
                teamName={item.teamId ? teamNames.get(item.teamId) : undefined}
                now={now}
                query={filter.q}
                onSelect={ws.select}
              />
            );
          }}
        />
      )}
      {inbox.loading && (
        <div class="inbox-loading" role="status">
          {t('common.loading')}
        </div>
      )}
    </nav>
  );
}
