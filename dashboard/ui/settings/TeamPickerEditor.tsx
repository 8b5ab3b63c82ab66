import { useEffect, useState } from 'preact/hooks';
import type { SiteSettings, Team } from '../../../protocol/index.ts';
import { FIELD_LIMITS } from '../../../protocol/limits.ts';
import type { AdminSite } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ActionStatusText, useAction } from '../use-action.tsx';

const MAX_OPTIONS = FIELD_LIMITS.teamPickerOptions;
const MAX_LABEL = FIELD_LIMITS.teamPickerLabel;

/**
 * The widget's pre-chat team choice (site setting teamPicker) in Settings -> Teams: on or off, which
 * teams it lists and the label visitors see for each (the team's name unless changed). Off saves the
 * settings without teamPicker. Offered teams keep the order of the team list.
 */
export function TeamPickerEditor({ site, teams, save }: { site: AdminSite; teams: Team[]; save: (settings: SiteSettings) => Promise<unknown> }) {
  const [on, setOn] = useState(false);
  /** Team id -> the label it is offered with; a team absent here is not offered. */
  const [offered, setOffered] = useState<Record<string, string>>({});
  const { busy, status, setStatus, run } = useAction();
  useEffect(() => {
    const options = site.settings.teamPicker?.options ?? [];
    setOn(options.length > 0);
    setOffered(Object.fromEntries(options.map((o) => [o.teamId, o.label])));
  }, [site]);

  const touched = () => setStatus(null);
  const options = teams.filter((team) => offered[team.id] !== undefined).map((team) => ({ teamId: team.id, label: offered[team.id].trim() }));
  const problem = !on ? null : options.length === 0 ? t('teams.pickerNone') : options.length > MAX_OPTIONS ? t('teams.pickerTooMany', { max: MAX_OPTIONS }) : options.some((o) => !o.label) ? t('teams.pickerBlank') : null;
  const submit = (e: Event) => {
    e.preventDefault();
    if (problem) return setStatus({ ok: false, text: problem });
    const { teamPicker: _old, ...rest } = site.settings;
    void run(() => save(on ? { ...rest, teamPicker: { options } } : rest), t('teams.pickerSaved'));
  };

  return (
    <form class="settings-form" noValidate onSubmit={submit} data-testid="team-picker">
      <h3>{t('teams.picker')}</h3>
      <p class="muted">{t('teams.pickerIntro')}</p>
      <label class="choice">
        <input type="checkbox" checked={on} disabled={teams.length === 0} onChange={(e) => (setOn(e.currentTarget.checked), touched())} data-testid="team-picker-on" />
        {t('teams.pickerOn')}
      </label>
      {on &&
        teams.map((team) => {
          const label = offered[team.id];
          const toggle = (checked: boolean) => {
            const { [team.id]: _gone, ...others } = offered;
            setOffered(checked ? { ...offered, [team.id]: team.name } : others);
            touched();
          };
          return (
            <div key={team.id} class="inline-form" data-testid="team-picker-option" data-team={team.name}>
              <label class="check">
                <input type="checkbox" checked={label !== undefined} onChange={(e) => toggle(e.currentTarget.checked)} data-testid="team-picker-offer" />
                <span>{team.name}</span>
              </label>
              {label !== undefined && (
                <input
                  value={label}
                  maxLength={MAX_LABEL}
                  aria-label={t('teams.pickerLabel', { name: team.name })}
                  onInput={(e) => (setOffered({ ...offered, [team.id]: e.currentTarget.value }), touched())}
                  data-testid="team-picker-label"
                />
              )}
            </div>
          );
        })}
      <ActionStatusText status={status} testId="team-picker-status" />
      <button class="btn btn-primary" type="submit" disabled={busy} data-testid="team-picker-save">
        {busy ? t('settings.saving') : t('settings.save')}
      </button>
    </form>
  );
}
