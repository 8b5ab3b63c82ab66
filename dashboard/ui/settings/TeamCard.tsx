import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffMember, Team } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { TrashIcon } from '../icons.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';
import { ConfirmAction } from '../ConfirmAction.tsx';

/**
 * One team in Settings -> Teams: its name (renamed in place: Enter saves, Escape or Cancel puts the
 * name back; the server's refusal, a taken name, shows under the field and keeps it open), delete,
 * and its members. Member changes and deleting go through the section, which reloads the list.
 */
export function TeamCard(props: {
  team: Team;
  staff: StaffMember[];
  busy: boolean;
  rename: (name: string) => Promise<unknown>;
  remove: () => void;
  toggle: (staffId: string) => void;
}) {
  const { team, staff, busy } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const renaming = useAction();
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const editing = draft !== null;
  // Keyboard users land in the field when it opens, and back on Rename when it closes.
  useEffect(() => {
    if (editing) input.current?.select();
    else if (wasEditing.current) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const stop = () => (setDraft(null), renaming.setStatus(null));
  const save = async (e: Event) => {
    e.preventDefault();
    const name = draft?.trim() ?? '';
    if (!name || name === team.name) return stop();
    if (await renaming.run(() => props.rename(name))) setDraft(null);
  };

  return (
    <fieldset class="settings-group" data-testid="team" data-team={team.name}>
      <legend>{team.name}</legend>
      {!editing ? (
        <div class="inline-form">
          <button type="button" ref={renameButton} class="btn btn-secondary btn-sm" disabled={busy} onClick={() => setDraft(team.name)} data-testid="team-rename">
            {t('teams.rename')}
          </button>
          <ConfirmAction
            class="icon-btn icon-btn-sm"
            disabled={busy}
            ariaLabel={t('teams.delete', { name: team.name })}
            question={t('teams.deleteConfirm', { name: team.name })}
            confirmLabel={t('teams.delete', { name: team.name })}
            onConfirm={props.remove}
            testId="team-delete"
          >
            <TrashIcon />
          </ConfirmAction>
        </div>
      ) : (
        <form class="inline-form" noValidate onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), stop())}>
          <label class="field grow">
            <span>{t('teams.renameLabel')}</span>
            <input
              ref={input}
              value={draft}
              maxLength={100}
              aria-invalid={renaming.status?.ok === false}
              onInput={(e) => (setDraft(e.currentTarget.value), renaming.setStatus(null))}
              data-testid="team-rename-input"
            />
          </label>
          <button class="btn btn-primary btn-sm" type="submit" disabled={renaming.busy || !draft.trim()} data-testid="team-rename-save">
            {t('settings.save')}
          </button>
          <button type="button" class="btn btn-secondary btn-sm" onClick={stop} data-testid="team-rename-cancel">
            {t('common.cancel')}
          </button>
        </form>
      )}
      <ActionStatusText status={renaming.status} testId="team-rename-error" />
      <p class="muted">{t('teams.members')}</p>
      {staff.map((s) => (
        <label key={s.id} class="check">
          <input type="checkbox" checked={team.memberIds.includes(s.id)} disabled={busy} onChange={() => props.toggle(s.id)} data-testid="team-member" data-staff={s.email} />
          <span>{s.name}</span>
        </label>
      ))}
    </fieldset>
  );
}
