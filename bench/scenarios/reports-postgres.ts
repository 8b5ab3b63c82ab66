import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildReport } from '../../server/domain/reports.ts';
import { createPostgresStore } from '../../server/store/postgres/index.ts';
import { PG_URL } from '../targets/parley-cluster.ts';

/**
 * The reports scenario on PostgreSQL: the same shape of year as the SQLite one (every conversation
 * opened by a visitor, 90 % answered by one of five agents after 1-30 minutes, 80 % resolved after
 * 2-49 hours, half of those rated), made in SQL with generate_series in a schema of its own (through
 * the store it would take many minutes, and the queries read the same rows either way), then the
 * store's report queries and the domain's arithmetic timed like the SQLite ones.
 */
export interface PostgresReportsResult {
  seedMs: number;
  monthMs: number;
  yearMs: number;
  yearOpened: number;
}

const DAY = 86_400_000;

export async function runPostgresReports(count: number, start: number, end: number, median5: (f: () => Promise<number>) => Promise<{ ms: number; opened: number }>): Promise<PostgresReportsResult> {
  const schema = `parley_bench_reports_${randomBytes(4).toString('hex')}`;
  const store = createPostgresStore({ connectionString: PG_URL, schema, dropSchemaOnClose: true });
  const pool = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
  try {
    await store.migrate();
    const t0 = performance.now();
    await pool.query(`
      INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ('site_r', 'pk_bench_${schema}', 'Reports', '[]', 's', '{}', 1);
      INSERT INTO staff (id, site_id, email, name, role, password_hash, created_at) SELECT 'stf_' || i, 'site_r', 'a' || i || '@bench.test', 'Agent ' || i, 'agent', 'x', 1 FROM generate_series(0, 4) i;
      INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) SELECT 'vis_' || i, 'site_r', 'V' || i, 1, 1 FROM generate_series(0, ${count - 1}) i;
      INSERT INTO conversations (id, site_id, visitor_id, status, assignee_id, last_seq, last_message_seq, last_visitor_seq, last_activity_at, created_at,
          first_reply_at, first_reply_by, resolved_at, resolved_by, rating_score, rated_at, rating_changed_at)
        SELECT 'cnv_' || i, 'site_r', 'vis_' || i, CASE WHEN i % 5 = 4 THEN 'open' ELSE 'resolved' END, CASE WHEN i % 5 = 4 THEN NULL ELSE 'stf_' || (i % 5) END, 3, 3, 2, at, at,
          CASE WHEN i % 10 <> 0 THEN at + (1 + i % 30) * 60000 END, CASE WHEN i % 10 <> 0 THEN 'stf_' || (i % 5) END,
          CASE WHEN i % 5 = 4 THEN NULL ELSE at + (2 + i % 48) * 3600000 END, CASE WHEN i % 5 = 4 THEN NULL ELSE 'stf_' || (i % 5) END,
          CASE WHEN i % 5 <> 4 AND i % 2 = 0 THEN 1 + i % 5 END, CASE WHEN i % 5 <> 4 AND i % 2 = 0 THEN at + 50 * 3600000 END,
          CASE WHEN i % 5 <> 4 AND i % 2 = 0 THEN at + 50 * 3600000 END
        FROM (SELECT i, ${start}::bigint + floor(i::float8 / ${count} * 365 * ${DAY})::bigint AS at FROM generate_series(0, ${count - 1}) i) g;
      INSERT INTO messages (id, site_id, conversation_id, seq, cursor, client_id, author_kind, author_id, text, note, created_at)
        SELECT 'msg_q' || c.n, 'site_r', c.id, 2, 2 * c.n, 'q' || c.n, 'visitor', c.visitor_id, 'question ' || c.n, false, c.created_at
        FROM (SELECT id, visitor_id, created_at, substr(id, 5)::int AS n FROM conversations) c;
      INSERT INTO messages (id, site_id, conversation_id, seq, cursor, client_id, author_kind, author_id, text, note, created_at)
        SELECT 'msg_r' || substr(id, 5), 'site_r', id, 3, 2 * substr(id, 5)::int + 1, 'r' || substr(id, 5), 'staff', first_reply_by, 'answer', false, first_reply_at
        FROM conversations WHERE first_reply_at IS NOT NULL;`);
    // What autovacuum would do before anyone looks: visibility map (index-only scans) and statistics.
    await pool.query('VACUUM ANALYZE conversations');
    const seedMs = Math.round(performance.now() - t0);
    const names = new Map(Array.from({ length: 5 }, (_, i) => [`stf_${i}`, `Agent ${i}`]));
    const time = (from: number) => median5(async () => buildReport(await store.reportRows({ siteId: 'site_r', from, to: end, tzOffset: 60 }), from, end, 60, names).totals.opened);
    const month = await time(end - 30 * DAY);
    const year = await time(start);
    return { seedMs, monthMs: month.ms, yearMs: year.ms, yearOpened: year.opened };
  } finally {
    await pool.end();
    await store.close();
  }
}
