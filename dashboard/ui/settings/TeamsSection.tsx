import { useEffect, useState } from 'preact/hooks';
import type { SiteSettings, StaffMember, Team, TeamRule } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { TrashIcon } from '../icons.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { TeamCard } from './TeamCard.tsx';
import { TeamPickerEditor } from './TeamPickerEditor.tsx';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

/**
 * Settings -> Teams: agents grouped for routing (create, rename, members, delete: TeamCard), the page
 * rules that send new conversations to a team (site setting teamRules, first match wins) and the
 * widget's pre-chat team choice (teamPicker: TeamPickerEditor). The server checks names and team ids
 * (unknown_team); its sentences are shown as they are.
 */
function TeamsSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [name, setName] = useState('');
  const [rules, setRules] = useState<TeamRule[] | null>(null);
  const { busy, status, run: act } = useAction();
  const reload = async () => setTeams((await api.teams()).teams);
  useEffect(() => {
    // Through the action, so a refused read shows the server's sentence and code (in place of the section).
    void act(reload);
    void api.team().then((r) => setStaff(r.staff.filter((s) => s.status !== 'deactivated')), () => {});
  }, [siteId]);
  useEffect(() => setRules(site?.settings.teamRules ?? []), [site]);

  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!teams && status) return <ActionStatusText status={status} testId="teams-error" />;
  if (!site || !teams || !rules) return <p class="muted">{t('common.loading')}</p>;

  // Every change reloads the list: a refused one shows the teams as they are.
  const run = (work: () => Promise<unknown>) => act(() => work().finally(reload));
  const toggle = (team: Team, staffId: string) => {
    const memberIds = team.memberIds.includes(staffId) ? team.memberIds.filter((id) => id !== staffId) : [...team.memberIds, staffId];
    // Shown at once; the server's answer (or its refusal, then the list as it is) follows.
    setTeams(teams.map((x) => (x.id === team.id ? { ...x, memberIds } : x)));
    void run(() => api.updateTeam(team.id, { memberIds }));
  };
  const saveSettings = async (settings: SiteSettings) => set((await api.updateSite(siteId, { settings })).site);
  const saveRules = () => void run(() => saveSettings({ ...site.settings, teamRules: rules.filter((r) => r.pattern.trim()) }));

  return (
    <div class="settings-form" data-testid="teams-section">
      <p class="muted">{t('teams.intro')}</p>
      {teams.length === 0 && <p class="settings-note">{t('teams.empty')}</p>}
      {teams.map((team) => (
        <TeamCard
          key={team.id}
          team={team}
          staff={staff}
          busy={busy}
          rename={(name) => api.updateTeam(team.id, { name }).then(reload)}
          // The server takes the team out of the page rules and the pre-chat choice: show the settings as they are now.
          remove={() => void run(() => api.deleteTeam(team.id).then(reloadSite))}
          toggle={(staffId) => toggle(team, staffId)}
        />
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
      <ActionStatusText status={status} testId="teams-error" />
      {teams.length > 0 && <TeamPickerEditor site={site} teams={teams} save={saveSettings} />}
    </div>
  );
}

export const teamsSection: SettingsSection = { id: 'teams', title: 'settings.teams', adminOnly: true, Component: TeamsSection };
