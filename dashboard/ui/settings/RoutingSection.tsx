import { useEffect, useState } from 'preact/hooks';
import { WEEKDAYS, type AssignmentSettings, type BusinessHours, type SiteSettings, type StaffMember } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { TrashIcon } from '../icons.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

type Span = BusinessHours['week'][number];
type Mode = AssignmentSettings['mode'];
const NINE_TO_FIVE: Span[] = WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '09:00', to: '17:00' }));
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const zones = (): string[] => (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/**
 * When the team answers and who gets new conversations: business hours (a weekly schedule in the site's
 * time zone, holidays), what the widget does when nobody can answer, and automatic assignment (mode,
 * capacity per agent, away timeout). Saved into the site's settings; the server checks the zone and dates.
 */
function RoutingSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [team, setTeam] = useState<StaffMember[]>([]);
  const [hoursOn, setHoursOn] = useState(false);
  const [zone, setZone] = useState(browserZone());
  const [week, setWeek] = useState<Span[]>(NINE_TO_FIVE);
  const [holidays, setHolidays] = useState('');
  const [whenOffline, setWhenOffline] = useState<NonNullable<SiteSettings['whenOffline']>>('chat');
  const [mode, setMode] = useState<Mode>('off');
  const [capacity, setCapacity] = useState('');
  const [agents, setAgents] = useState<Record<string, string>>({});
  const [away, setAway] = useState('');
  const { busy, status, setStatus, run } = useAction();

  useEffect(() => void api.team().then((r) => setTeam(r.staff), () => setTeam([])), [siteId]);
  useEffect(() => {
    if (!site) return;
    const h = site.settings.businessHours;
    setHoursOn(!!h);
    setZone(h?.timezone ?? browserZone());
    setWeek(h ? h.week : NINE_TO_FIVE);
    setHolidays((h?.holidays ?? []).join(', '));
    setWhenOffline(site.settings.whenOffline ?? 'chat');
    const a = site.settings.assignment;
    setMode(a?.mode ?? 'off');
    setCapacity(a?.capacity !== undefined ? String(a.capacity) : '');
    setAgents(Object.fromEntries(Object.entries(a?.agents ?? {}).map(([id, n]) => [id, String(n)])));
    setAway(a?.awayTimeoutMinutes ? String(a.awayTimeoutMinutes) : '');
  }, [site]);

  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  const touched = <T,>(setter: (v: T) => void) => (v: T) => (setter(v), setStatus(null));
  const editSpan = (i: number, patch: Partial<Span>) => touched(setWeek)(week.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const int = (v: string) => (v.trim() === '' ? undefined : Math.max(0, Math.floor(Number(v))));

  const save = async (e: Event) => {
    e.preventDefault();
    const dates = holidays.split(/[\s,]+/).filter(Boolean);
    const perAgent = Object.fromEntries(Object.entries(agents).flatMap(([id, v]) => (int(v) === undefined ? [] : [[id, int(v)!]])));
    const assignment: AssignmentSettings = { mode, ...(int(capacity) !== undefined ? { capacity: int(capacity) } : {}), ...(Object.keys(perAgent).length ? { agents: perAgent } : {}), ...(int(away) ? { awayTimeoutMinutes: int(away) } : {}) };
    const { businessHours: _h, assignment: _a, whenOffline: _w, ...rest } = site.settings;
    const settings: SiteSettings = { ...rest, whenOffline, assignment, ...(hoursOn ? { businessHours: { timezone: zone.trim(), week, ...(dates.length ? { holidays: dates } : {}) } } : {}) };
    await run(async () => set((await api.updateSite(siteId, { settings })).site), t('routing.saved'));
  };

  return (
    <form class="settings-form" onSubmit={save} data-testid="routing-form" noValidate>
      <p class="muted">{t('routing.intro')}</p>
      <fieldset class="routing-group">
        <legend>{t('routing.hours')}</legend>
        <label class="choice">
          <input type="checkbox" checked={hoursOn} onChange={(e) => touched(setHoursOn)(e.currentTarget.checked)} data-testid="routing-hours-on" />
          {t('routing.hoursOn')}
        </label>
        {hoursOn && (
          <>
            <label class="field">
              <span>{t('routing.timezone')}</span>
              <input value={zone} list="routing-zones" maxLength={64} onInput={(e) => touched(setZone)(e.currentTarget.value)} data-testid="routing-timezone" />
              <datalist id="routing-zones">{zones().map((z) => <option key={z} value={z} />)}</datalist>
            </label>
            <ul class="span-list" data-testid="routing-week">
              {week.map((s, i) => (
                <li key={i} class="span-row">
                  <select value={s.day} aria-label={t('routing.day')} onChange={(e) => editSpan(i, { day: e.currentTarget.value as Span['day'] })} data-testid="routing-day">
                    {WEEKDAYS.map((d) => <option key={d} value={d}>{t(`routing.day.${d}`)}</option>)}
                  </select>
                  <input type="time" value={s.from} aria-label={t('routing.from')} onInput={(e) => editSpan(i, { from: e.currentTarget.value })} data-testid="routing-from" />
                  <span aria-hidden="true">–</span>
                  <input type="time" value={s.to === '24:00' ? '00:00' : s.to} aria-label={t('routing.to')} onInput={(e) => editSpan(i, { to: e.currentTarget.value })} data-testid="routing-to" />
                  <button type="button" class="icon-btn icon-btn-sm" aria-label={t('routing.removeSpan')} title={t('routing.removeSpan')} onClick={() => touched(setWeek)(week.filter((_, j) => j !== i))}>
                    <TrashIcon />
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" class="btn" onClick={() => touched(setWeek)([...week, { day: 'mon', from: '09:00', to: '17:00' }])} data-testid="routing-add-span">
              {t('routing.addSpan')}
            </button>
            <small class="muted">{t('routing.overnight')}</small>
            <label class="field">
              <span>{t('routing.holidays')}</span>
              <input value={holidays} placeholder="2026-12-24, 2026-12-25" onInput={(e) => touched(setHolidays)(e.currentTarget.value)} data-testid="routing-holidays" />
            </label>
          </>
        )}
      </fieldset>
      <label class="field">
        <span>{t('routing.whenOffline')}</span>
        <select value={whenOffline} onChange={(e) => touched(setWhenOffline)(e.currentTarget.value as typeof whenOffline)} data-testid="routing-when-offline">
          <option value="chat">{t('routing.offlineChat')}</option>
          <option value="form">{t('routing.offlineForm')}</option>
          <option value="hide">{t('routing.offlineHide')}</option>
        </select>
      </label>
      <fieldset class="routing-group">
        <legend>{t('routing.assignment')}</legend>
        <select value={mode} aria-label={t('routing.assignment')} onChange={(e) => touched(setMode)(e.currentTarget.value as Mode)} data-testid="routing-mode">
          <option value="off">{t('routing.modeOff')}</option>
          <option value="round_robin">{t('routing.modeRoundRobin')}</option>
          <option value="least_busy">{t('routing.modeLeastBusy')}</option>
        </select>
        {mode !== 'off' && (
          <>
            <label class="field">
              <span>{t('routing.capacity')}</span>
              <input type="number" min={0} max={1000} value={capacity} placeholder="5" onInput={(e) => touched(setCapacity)(e.currentTarget.value)} data-testid="routing-capacity" />
            </label>
            <table class="capacity-table" data-testid="routing-agents">
              <thead>
                <tr>
                  <th scope="col">{t('routing.agent')}</th>
                  <th scope="col">{t('routing.agentCapacity')}</th>
                </tr>
              </thead>
              <tbody>
                {team.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>
                      <input type="number" min={0} max={1000} value={agents[m.id] ?? ''} placeholder={capacity || '5'} aria-label={t('routing.agentCapacityOf', { name: m.name })} onInput={(e) => touched(setAgents)({ ...agents, [m.id]: e.currentTarget.value })} data-testid="routing-agent-capacity" data-staff={m.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label class="field">
              <span>{t('routing.awayTimeout')}</span>
              <input type="number" min={0} max={10080} value={away} placeholder="0" onInput={(e) => touched(setAway)(e.currentTarget.value)} data-testid="routing-away" />
              <small class="muted">{t('routing.awayTimeoutHint')}</small>
            </label>
          </>
        )}
      </fieldset>
      <ActionStatusText status={status} testId="routing-status" />
      <button class="btn btn-primary" type="submit" disabled={busy} data-testid="routing-save">
        {busy ? t('settings.saving') : t('settings.save')}
      </button>
    </form>
  );
}

export const routingSection: SettingsSection = { id: 'routing', title: 'settings.routing', adminOnly: true, Component: RoutingSection };
