import { useState } from 'preact/hooks';
import { PRIORITIES, type Conversation, type Priority, type Team, type UpdateConversationRequest } from '../../protocol/index.ts';
import { SNOOZE_PRESETS, fromLocalInput, snoozeUntil, toLocalInput } from '../state/snooze.ts';
import { dateTime, t } from '../i18n/index.ts';

interface Props {
  conversation: Conversation;
  /** Sends the change; errors are shown by the pane. */
  update: (changes: UpdateConversationRequest) => void;
  /** A change is on its way: the controls wait for it. */
  busy?: boolean;
  now: () => number;
  /** The site's teams: the conversation's team can be changed here (none: no picker). */
  teams?: Team[];
}

/**
 * The agent's triage of the open conversation, under its header: snooze (presets and a time picker),
 * priority, labels, and the visitor's rating when there is one.
 */
export function ConversationTriage({ conversation: c, update, now, teams = [], busy = false }: Props) {
  return (
    <div class="conv-triage" data-testid="conversation-triage">
      <SnoozeMenu c={c} update={update} now={now} busy={busy} />
      <label class="triage-field">
        <span>{t('conv.priority')}</span>
        <select value={c.priority ?? 'none'} disabled={busy} onChange={(e) => update({ priority: e.currentTarget.value as Priority })} data-testid="priority-select">
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {teams.length > 0 && (
        <label class="triage-field">
          <span>{t('conv.team')}</span>
          <select value={c.teamId ?? ''} disabled={busy} onChange={(e) => update({ teamId: e.currentTarget.value || null })} data-testid="team-select">
            <option value="">{t('inbox.noTeam')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <LabelsEditor labels={c.labels ?? []} busy={busy} onChange={(labels) => update({ labels })} />
      <span class="triage-field rating" data-testid="conversation-rating" data-score={c.rating?.score ?? ''}>
        <span>{t('rating.title')}</span>
        {c.rating ? (
          <span class={`rating-value rating-${c.rating.score}`} title={c.rating.comment ?? ''}>
            {'★'.repeat(c.rating.score)}
            {'☆'.repeat(5 - c.rating.score)} <span class="sr-only">{t('rating.value', { score: c.rating.score })}</span>
            {c.rating.comment && <q class="rating-comment">{c.rating.comment}</q>}
          </span>
        ) : (
          <span class="muted">{t('rating.none')}</span>
        )}
      </span>
    </div>
  );
}

function SnoozeMenu({ c, update, now, busy }: { c: Conversation; update: Props['update']; now: () => number; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const snooze = (until: number) => {
    setOpen(false);
    update({ status: 'snoozed', snoozedUntil: until });
  };
  return (
    <div class="snooze">
      {c.status === 'snoozed' && c.snoozedUntil ? (
        <span class="snooze-until" data-testid="snoozed-until">
          {t('snooze.until', { time: dateTime(c.snoozedUntil) })}
        </span>
      ) : null}
      <button type="button" class="btn btn-secondary btn-sm" aria-expanded={open} aria-label={t('conv.snoozeLabel')} disabled={busy} onClick={() => setOpen(!open)} data-testid="snooze-button">
        {t('conv.snooze')}
      </button>
      {open && (
        <div class="snooze-menu" role="menu" data-testid="snooze-menu">
          {SNOOZE_PRESETS.map((p) => (
            <button key={p} type="button" role="menuitem" onClick={() => snooze(snoozeUntil(p, now()))} data-testid={`snooze-${p}`}>
              {t(`snooze.${p}`)}
            </button>
          ))}
          <form
            class="snooze-custom"
            onSubmit={(e) => {
              e.preventDefault();
              const at = fromLocalInput(custom);
              if (at !== null) snooze(at);
            }}
          >
            <label>
              <span>{t('snooze.custom')}</span>
              <input type="datetime-local" min={toLocalInput(now())} value={custom} onInput={(e) => setCustom(e.currentTarget.value)} data-testid="snooze-time" required />
            </label>
            <button type="submit" class="btn btn-primary btn-sm" data-testid="snooze-apply">
              {t('snooze.apply')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

function LabelsEditor({ labels, busy, onChange }: { labels: string[]; busy: boolean; onChange: (labels: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const l = draft.trim();
    setDraft('');
    if (l && !labels.includes(l)) onChange([...labels, l]);
  };
  return (
    <div class="triage-field labels" data-testid="labels-editor">
      <span>{t('conv.labels')}</span>
      <ul class="label-list">
        {labels.map((l) => (
          <li key={l} class="label-chip" data-testid="conversation-label">
            {l}
            <button type="button" class="chip-remove" disabled={busy} aria-label={t('labels.remove', { label: l })} onClick={() => onChange(labels.filter((x) => x !== l))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        type="text"
        maxLength={50}
        placeholder={t('labels.add')}
        aria-label={t('labels.add')}
        value={draft}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!busy) add();
          }
        }}
        data-testid="label-input"
      />
    </div>
  );
}
