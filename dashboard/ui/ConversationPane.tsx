import { CONVERSATION_STATUSES, type ConversationStatus } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { staffTypingText } from '../state/conversation.ts';
import { visitorName } from '../state/format.ts';
import { BackIcon, ChatIcon, CheckIcon } from './icons.tsx';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
import { ConversationTriage } from './ConversationTriage.tsx';
import { snoozeUntil } from '../state/snooze.ts';
import { useStore } from './use-store.ts';
import { rich, t } from '../i18n/index.ts';
import { ActionStatusText, useAction } from './use-action.tsx';

interface Props {
  ws: Workspace;
  /** Phones (one pane at a time): back to the inbox, and to the visitor's details; tablets: the details. Hidden on wide screens. */
  onBack: () => void;
  onDetails: () => void;
}

export function ConversationPane({ ws, onBack, onDetails }: Props) {
  const c = useStore(ws.stores.conversation);
  const staff = useStore(ws.stores.staff);
  const teams = useStore(ws.stores.teams);
  const presence = useStore(ws.stores.presence);
  // Presence comes over the live connection: while it is down, what we last heard may be stale.
  const presenceKnown = useStore(ws.stores.connection) === 'connected';
  // The triage's changes (assignee, status, snooze, priority, team, labels): one at a time, and a
  // refusal shows the server's sentence with its code.
  const triage = useAction();

  if (!c) {
    return (
      <main class="conversation conversation-empty" id="conversation-main" aria-label={t('conv.label')}>
        <ChatIcon size={44} />
        <h2>{t('conv.none')}</h2>
        <p>{rich(t('conv.noneHint'), { next: <kbd>j</kbd>, help: <kbd>?</kbd> })}</p>
      </main>
    );
  }

  const conv = c.conversation;
  const name = visitorName(c.visitor);
  const run = (work: () => Promise<unknown>) => void triage.run(work);
  const busy = triage.busy;
  // Picking "Snoozed" in the status list snoozes until tomorrow morning; the snooze menu offers more.
  const setStatus = (status: ConversationStatus) => run(() => ws.update(status === 'snoozed' ? { status, snoozedUntil: snoozeUntil('tomorrow', Date.now()) } : { status }));
  const setAssignee = (assigneeId: string | null) => run(() => ws.update({ assigneeId }));
  const online = conv ? (presence.visitors[conv.visitorId] ?? false) : false;
  const colleagues = staffTypingText(c.staffTyping);

  return (
    <main class="conversation" id="conversation-main" aria-label={t('conv.with', { name })} data-testid="conversation" data-conversation-id={c.id}>
      <header class="conv-head">
        <button type="button" class="icon-btn pane-nav" aria-label={t('conv.back')} title={t('conv.back')} onClick={onBack} data-testid="pane-back">
          <BackIcon />
        </button>
        <div class="conv-title">
          <h2 data-testid="conversation-title">{name}</h2>
          <span class="conv-sub">
            <span
              class={`presence-text ${!presenceKnown ? 'is-unknown' : online ? 'is-online' : ''}`}
              data-testid="conversation-presence"
              data-presence={!presenceKnown ? 'unknown' : online ? 'online' : 'offline'}
            >
              {!presenceKnown ? t('presence.unknown') : online ? t('presence.onlineNow') : t('presence.offline')}
            </span>
            {conv && <span class={`status-pill status-${conv.status}`} data-testid="conversation-status" data-status={conv.status}>{t(`status.${conv.status}`)}</span>}
            {conv?.teamId && teams.some((x) => x.id === conv.teamId) && (
              <span class="team-chip" data-testid="conversation-team">
                {teams.find((x) => x.id === conv.teamId)!.name}
              </span>
            )}
          </span>
        </div>
        <button type="button" class="btn btn-secondary btn-sm pane-nav pane-details" onClick={onDetails} data-testid="pane-details">
          {t('conv.details')}
        </button>
        {conv && (
          <div class="conv-actions">
            <select
              aria-label={t('conv.assignee')}
              value={conv.assigneeId ?? ''}
              onChange={(e) => setAssignee(e.currentTarget.value || null)}
              disabled={busy}
              data-testid="assignee-select"
            >
              <option value="">{t('common.unassigned')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === ws.me.id ? t('conv.me', { name: s.name }) : s.name}
                </option>
              ))}
            </select>
            {conv.assigneeId !== ws.me.id && (
              <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => setAssignee(ws.me.id)} data-testid="assign-me" aria-label={t('conv.assignMe')}>
                {t('conv.assignMe')}
              </button>
            )}
            <select aria-label={t('conv.status')} value={conv.status} disabled={busy} onChange={(e) => setStatus(e.currentTarget.value as ConversationStatus)} data-testid="status-select">
              {CONVERSATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
            {conv.status !== 'resolved' ? (
              <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={() => setStatus('resolved')} data-testid="resolve-button" aria-label={t('conv.resolveLabel')}>
                <CheckIcon /> {t('conv.resolve')}
              </button>
            ) : (
              <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => setStatus('open')} data-testid="reopen-button" aria-label={t('conv.reopenLabel')}>
                {t('conv.reopen')}
              </button>
            )}
          </div>
        )}
      </header>
      {conv && <ConversationTriage conversation={conv} teams={teams} update={(changes) => run(() => ws.update(changes))} busy={busy} now={Date.now} />}
      {c.erased && (
        <p class="conv-error" role="status" data-testid="conversation-erased">
          {t('conv.erased')}
        </p>
      )}
      <ActionStatusText status={triage.status} testId="triage-status" class="conv-error" />
      {c.error && (
        <p class="conv-error" role="alert">
          {c.error}
        </p>
      )}
      <MessageList key={c.id} ws={ws} state={c} visitorLabel={name} />
      <div class="typing-slot" aria-live="polite">
        {c.visitorTyping && (
          <span class="typing" data-testid="typing-indicator">
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('typing.one', { name })}
          </span>
        )}
        {colleagues && (
          <span class="typing typing-staff" data-testid="staff-typing-indicator">
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {colleagues}
          </span>
        )}
      </div>
      <Composer ws={ws} key={c.id} conversationId={c.id} disabled={!conv} />
    </main>
  );
}
