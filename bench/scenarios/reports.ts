import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReport } from '../../server/domain/reports.ts';
import { createSqliteStore } from '../../server/store/sqlite/index.ts';
import type { RunContext } from './context.ts';
import { runPostgresReports, type PostgresReportsResult } from './reports-postgres.ts';

/**
 * Reports at scale: a site with `count` conversations over a year (each opened by a visitor, most
 * answered by one of five agents, most resolved, half rated), seeded through the store, then the
 * report queries (server/store/sqlite/reports.ts + the domain's arithmetic) timed for the last 30
 * days and for the whole year, each the median of five runs. In-process, no server: the queries are
 * what is measured. Then the same on PostgreSQL (reports-postgres.ts), when it is reachable.
 */
export interface ReportsResult {
  conversations: number;
  seedMs: number;
  /** Median ms for a report over the last 30 days / the whole year. */
  monthMs: number;
  yearMs: number;
  /** Conversations the year's report counted (a check that it read them all). */
  yearOpened: number;
  /** The same year on PostgreSQL; absent when it was not reachable (`postgresError` says why). */
  postgres?: PostgresReportsResult;
  postgresError?: string;
}

const DAY = 86_400_000;

export async function runReports(ctx: RunContext): Promise<ReportsResult> {
  const count = ctx.quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const store = createSqliteStore({ file: join(dir, 'parley.db') });
  try {
    await store.migrate();
    const site = await store.createSite({ name: 'Reports', allowedOrigins: [], identitySecret: 'bench-secret-0123456789', settings: {} });
    const agents = await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.createStaff({ siteId: site.id, email: `a${i}@bench.test`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' })),
    );
    const end = Date.UTC(2026, 0, 1);
    const start = end - 365 * DAY;
    const t0 = performance.now();
    const CHUNK = 1_000;
    for (let base = 0; base < count; base += CHUNK) {
      const n = Math.min(CHUNK, count - base);
      const rows = await Promise.all(
        Array.from({ length: n }, async (_, k) => {
          const i = base + k;
          const at = start + Math.floor((i / count) * 365 * DAY);
          const v = await store.createVisitor({ siteId: site.id, label: `V${i}`, context: {}, at });
          return { i, at, v };
        }),
      );
      // One group commit per wave: first messages, then the replies.
      const firsts = await Promise.all(rows.map(({ i, at, v }) => store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: `q${i}`, author: { kind: 'visitor', id: v.id }, text: `question ${i}`, attachmentIds: [], note: false, at })));
      await Promise.all(
        rows.map(({ i, at, v }, k) =>
          i % 10 === 0
            ? null
            : store.appendMessage({ siteId: site.id, visitorId: v.id, conversationId: firsts[k].conversation.id, clientId: `r${i}`, author: { kind: 'staff', id: agents[i % 5].id }, text: `answer ${i}`, attachmentIds: [], note: false, at: at + (1 + (i % 30)) * 60_000 }),
        ),
      );
      for (const [k, { i, at, v }] of rows.entries()) {
        if (i % 5 === 4) continue;
        const id = firsts[k].conversation.id;
        const by = { kind: 'staff' as const, id: agents[i % 5].id };
        await store.updateConversation({ conversationId: id, changes: { status: 'resolved', assigneeId: by.id }, by, at: at + (2 + (i % 48)) * 3_600_000 });
        if (i % 2 === 0) await store.rateConversation({ conversationId: id, score: 1 + (i % 5), comment: null, by: { kind: 'visitor', id: v.id }, at: at + 50 * 3_600_000, changeableMs: DAY });
      }
      if (base % 20_000 === 0) ctx.log(`reports: seeded ${base + n} of ${count}`);
    }
    const seedMs = Math.round(performance.now() - t0);
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const median5 = async (run: () => Promise<number>) => {
      const runs: number[] = [];
      let opened = 0;
      for (let r = 0; r < 5; r++) {
        const s = performance.now();
        opened = await run();
        runs.push(performance.now() - s);
      }
      runs.sort((a, b) => a - b);
      return { ms: Math.round(runs[2] * 10) / 10, opened };
    };
    const time = (from: number) => median5(async () => buildReport(await store.reportRows({ siteId: site.id, from, to: end, tzOffset: 60 }), from, end, 60, names).totals.opened);
    const month = await time(end - 30 * DAY);
    const year = await time(start);
    ctx.log(`reports: ${count} conversations seeded in ${seedMs} ms; 30 days ${month.ms} ms, a year ${year.ms} ms`);
    const result: ReportsResult = { conversations: count, seedMs, monthMs: month.ms, yearMs: year.ms, yearOpened: year.opened };
    try {
      result.postgres = await runPostgresReports(count, start, end, median5);
      ctx.log(`reports on PostgreSQL: seeded in ${result.postgres.seedMs} ms; 30 days ${result.postgres.monthMs} ms, a year ${result.postgres.yearMs} ms`);
    } catch (err) {
      result.postgresError = (err as Error).message;
      ctx.log(`reports on PostgreSQL skipped: ${result.postgresError}`);
    }
    return result;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
