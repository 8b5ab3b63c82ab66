import { useEffect, useRef, useState } from 'preact/hooks';
import type { Report } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { chartBars, chartDays, dateRange, dayCount, humanDuration, lastDays, localDate } from '../state/report-chart.ts';
import { date, t } from '../i18n/index.ts';
import { ActionStatusText, useAction } from './use-action.tsx';

const RANGES = [7, 30, 90, 365] as const;
const DAY = 86_400_000;

/**
 * Reports for admins: how support went over the last 7, 30, 90 or 365 days, or a range of days the
 * admin chooses (the server refuses more than PARLEY_MAX_REPORT_DAYS and says so). Opened and resolved
 * per day (per week beyond 92 days) as a small SVG bar chart, median first response and resolution time, CSAT average and distribution, and
 * the same per agent. A modal dialog like the canned responses: Esc or Close leaves.
 */
export function ReportsDialog({ ws, onClose }: { ws: Workspace; onClose: () => void }) {
  const [days, setDays] = useState<number | 'custom'>(30);
  // The custom range: what the date inputs hold, and the range last applied from them.
  const [first, setFirst] = useState(() => localDate(Date.now() - 29 * DAY));
  const [last, setLast] = useState(() => localDate(Date.now()));
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  // The report's read: a refusal (a range longer than the server allows) shows its sentence and code.
  const load = useAction();
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else e.stopPropagation();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, [onClose]);

  const range = days === 'custom' ? chosen : lastDays(days, Date.now());
  useEffect(() => {
    if (!range) return;
    let live = true;
    setReport(null);
    // The zone of the range's first day: a range across a DST change is still cut at local midnights but for an hour.
    // A read made stale by a newer range says nothing, answer or refusal.
    void load.run(async () => {
      try {
        const r = await ws.api.report(range.from, range.to, -new Date(range.from).getTimezoneOffset());
        if (live) setReport(r);
      } catch (err) {
        if (live) throw err;
      }
    });
    return () => void (live = false);
  }, [range?.from, range?.to]);
  const typed = dateRange(first, last);

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog reports-dialog" role="dialog" aria-modal="true" aria-labelledby="reports-title" data-testid="reports-dialog">
        <div class="dialog-head">
          <h2 id="reports-title">{t('reports.title')}</h2>
          <button ref={close} type="button" class="btn btn-ghost btn-sm" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        <div class="report-ranges" role="group" aria-label={t('reports.range')}>
          {RANGES.map((n) => (
            <button key={n} type="button" class={`btn btn-sm ${n === days ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={n === days} onClick={() => setDays(n)} data-testid={`report-range-${n}`}>
              {t('reports.lastDays', { n })}
            </button>
          ))}
          <button type="button" class={`btn btn-sm ${days === 'custom' ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={days === 'custom'} aria-expanded={days === 'custom'} onClick={() => setDays('custom')} data-testid="report-range-custom">
            {t('reports.custom')}
          </button>
        </div>
        {days === 'custom' && (
          <form
            class="report-custom"
            data-testid="report-custom"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed) setChosen(typed);
            }}
          >
            <label>
              {t('reports.from')}
              <input type="date" value={first} max={last || undefined} onInput={(e) => setFirst(e.currentTarget.value)} data-testid="report-from" required />
            </label>
            <label>
              {t('reports.to')}
              <input type="date" value={last} min={first || undefined} onInput={(e) => setLast(e.currentTarget.value)} data-testid="report-to" required />
            </label>
            <button type="submit" class="btn btn-primary btn-sm" disabled={!typed || load.busy} data-testid="report-apply">
              {t('reports.apply')}
            </button>
            {!typed && (
              <small class="error-text" role="alert" data-testid="report-range-invalid">
                {t('reports.badRange')}
              </small>
            )}
          </form>
        )}
        {range && (
          <p class="muted report-period" data-testid="report-period">
            {t('reports.period', { from: date(range.from), to: date(range.to - 1), n: dayCount(range) })}
          </p>
        )}
        <ActionStatusText status={load.status} testId="report-status" />
        {range && (!report ? !load.status && <p class="muted">{t('common.loading')}</p> : <ReportBody report={report} />)}
      </div>
    </div>
  );
}

function ReportBody({ report: r }: { report: Report }) {
  const W = 560;
  const H = 120;
  const shown = chartDays(r.days);
  const chart = chartBars(shown, W, H);
  const maxCsat = Math.max(1, ...r.csat.distribution);
  return (
    <div class="report" data-testid="report">
      <dl class="report-figures">
        <Figure label={t('reports.opened')} value={String(r.totals.opened)} id="opened" />
        <Figure label={t('reports.resolved')} value={String(r.totals.resolved)} id="resolved" />
        <Figure label={t('reports.firstResponse')} value={humanDuration(r.firstResponse.medianMs)} id="first-response" />
        <Figure label={t('reports.resolution')} value={humanDuration(r.resolution.medianMs)} id="resolution" />
        <Figure label={t('reports.csat')} value={r.csat.average === null ? '—' : `${r.csat.average} / 5`} id="csat" />
      </dl>
      <svg class="report-chart" viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label={t('reports.chart')} data-testid="report-chart">
        {chart.ticks.map((v) => (
          <line key={v} x1={0} x2={W} y1={H - (v / chart.max) * H} y2={H - (v / chart.max) * H} class="grid" />
        ))}
        {chart.bars.map((b, i) => {
          const until = shown[i].until;
          const when = until ? `${b.day} – ${until}` : b.day;
          return (
            <g key={b.day}>
              <rect class="bar-opened" x={b.x} y={b.opened.y} width={b.width} height={b.opened.height}>
                <title>{`${when}: ${t('reports.opened')} ${b.opened.value}`}</title>
              </rect>
              <rect class="bar-resolved" x={b.x + b.width} y={b.resolved.y} width={b.width} height={b.resolved.height}>
                <title>{`${when}: ${t('reports.resolved')} ${b.resolved.value}`}</title>
              </rect>
            </g>
          );
        })}
        <text x={0} y={H + 14} class="axis">{r.days[0]?.day}</text>
        <text x={W} y={H + 14} class="axis" text-anchor="end">{r.days[r.days.length - 1]?.day}</text>
      </svg>
      <p class="report-legend">
        <span class="key key-opened" /> {t('reports.opened')} <span class="key key-resolved" /> {t('reports.resolved')}
        {shown !== r.days && <span data-testid="report-weekly"> · {t('reports.perWeek')}</span>}
      </p>
      <h3>{t('reports.csatDistribution')}</h3>
      <ul class="csat-bars" data-testid="csat-distribution">
        {r.csat.distribution.map((n, i) => (
          <li key={i} data-score={i + 1} data-count={n}>
            <span class="csat-label">{'★'.repeat(i + 1)}</span>
            <span class="csat-bar" style={{ width: `${(n / maxCsat) * 100}%` }} />
            <span class="csat-count">{n}</span>
          </li>
        ))}
      </ul>
      <h3>{t('reports.agents')}</h3>
      <table class="report-agents" data-testid="report-agents">
        <thead>
          <tr>
            <th>{t('reports.agent')}</th>
            <th>{t('reports.resolved')}</th>
            <th>{t('reports.firstResponse')}</th>
            <th>{t('reports.csat')}</th>
          </tr>
        </thead>
        <tbody>
          {r.agents.map((a) => (
            <tr key={a.staffId} data-testid="report-agent" data-staff-id={a.staffId}>
              <td>{a.name}</td>
              <td>{a.resolved}</td>
              <td>{humanDuration(a.firstResponse.medianMs)}</td>
              <td>{a.csat.average === null ? '—' : `${a.csat.average} (${a.csat.count})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figure({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div class="report-figure" data-testid={`report-${id}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
