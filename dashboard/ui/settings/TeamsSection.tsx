import { useEffect, useState } from 'preact/hooks';
import type { StaffMember, Team, TeamRule } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';
import { TrashIcon } from '../icons.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { useSite } from './use-site.ts';

/**
 * Settings -> Teams: agents grouped for routing (create, rename, members, delete), and the page rules
 * that send new conversations to a team (site setting teamRules, first match wins). The server checks
 * names and team ids (unknown_team); its sentences are shown as they are.
 */
function TeamsSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError } = useSite(api, siteId);
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [name, setName] = useState('');
  const [rules, setRules] = useState<TeamRule[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => setTeams((await api.teams()).teams);
  useEffect(() => {
    void reload().catch((err) => setError(errorText(err)));
    void api.team().then((r) => setStaff(r.staff.filter((s) => s.status !== 'deactivated')), () => {});
  }, [siteId]);
  useEffect(() => setRules(site?.settings.teamRules ?? []), [site]);

  if (loadError) return <p class="form-error" role="alert">{loadError}</p>;
  if (!site || !teams || !rules) return <p class="muted">{t('common.loading')}</p>;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (team: Team, staffId: string) => {
    const memberIds = team.memberIds.includes(staffId) ? team.memberIds.filter((id) => id !== staffId) : [...team.memberIds, staffId];
    // Shown at once; the server's answer (or its refusal, then the list as it is) follows.
    setTeams(teams.map((x) => (x.id === team.id ? { ...x, memberIds } : x)));
    void run(() => api.updateTeam(team.id, { memberIds }));
  };
  const rename = (team: Team) => {
    const next = prompt(t('teams.renamePrompt'), team.name);
    if (next && next.trim() && next.trim() !== team.name) void run(() => api.updateTeam(team.id, { name: next.trim() }));
  };
  const saveRules = () => void run(async () => set((await api.updateSite(siteId, { settings: { ...site.settings, teamRules: rules.filter((r) => r.pattern.trim()) } })).site));

  return (
    <div class="settings-form" data-testid="teams-section">
      <p class="muted">{t('teams.intro')}</p>
      {teams.length === 0 && <p class="settings-note">{t('teams.empty')}</p>}
      {teams.map((team) => (
        <fieldset key={team.id} class="settings-group" data-testid="team" data-team={team.name}>
          <legend>{team.name}</legend>
          <div class="inline-form">
            <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => rename(team)} data-testid="team-rename">
              {t('teams.rename')}
            </button>
            <button
              type="button"
              class="icon-btn icon-btn-sm"
              disabled={busy}
              aria-label={t('teams.delete', { name: team.name })}
              title={t('teams.delete', { name: team.name })}
              onClick={() => confirm(t('teams.deleteConfirm', { name: team.name })) && void run(() => api.deleteTeam(team.id))}
              data-testid="team-delete"
            >
              <TrashIcon />
            </button>
          </div>
          <p class="muted">{t('teams.members')}</p>
          {staff.map((s) => (
            <label key={s.id} class="check">
              <input type="checkbox" checked={team.memberIds.includes(s.id)} disabled={busy} onChange={() => toggle(team, s.id)} data-testid="team-member" data-staff={s.email} />
              <span>{s.name}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <form
        class="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void run(async () => (await api.createTeam({ name: name.trim() }), setName('')));
        }}
      >
        <label class="field grow">
          <span>{t('teams.new')}</span>
          <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} data-testid="team-name" />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy || !name.trim()} data-testid="team-create">
          {t('teams.create')}
        </button>
      </form>
      <h3>{t('teams.rules')}</h3>
      <p class="muted">{t('teams.rulesIntro')}</p>
      {rules.map((r, i) => (
        <div key={i} class="inline-form" data-testid="team-rule">
          <input value={r.pattern} placeholder="/billing" maxLength={300} aria-label={t('teams.rulePattern')} onInput={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, pattern: e.currentTarget.value } : x)))} data-testid="team-rule-pattern" />
          <select value={r.teamId} aria-label={t('teams.ruleTeam')} onChange={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, teamId: e.currentTarget.value } : x)))} data-testid="team-rule-team">
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <button type="button" class="icon-btn icon-btn-sm" aria-label={t('teams.ruleRemove')} title={t('teams.ruleRemove')} onClick={() => setRules(rules.filter((_, j) => j !== i))}>
            <TrashIcon />
          </button>
        </div>
      ))}
      <div class="inline-form">
        <button type="button" class="btn btn-secondary btn-sm" disabled={teams.length === 0} onClick={() => setRules([...rules, { pattern: '', teamId: teams[0].id }])} data-testid="team-rule-add">
          {t('teams.ruleAdd')}
        </button>
        <button type="button" class="btn btn-primary" disabled={busy} onClick={saveRules} data-testid="team-rules-save">
          {t('settings.save')}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert" data-testid="teams-error">
          {error}
        </p>
      )}
    </div>
  );
}

export const teamsSection: SettingsSection = { id: 'teams', title: 'settings.teams', adminOnly: true, Component: TeamsSection };
