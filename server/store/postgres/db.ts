import pg from 'pg';
import { ParleyError } from '../../errors.ts';

/**
 * What every PostgreSQL module receives: a pool, the clock, and `q` to run SQL on the pool or on a
 * transaction's client. BIGINT columns are parsed to numbers (times and counters fit in 2^53).
 */
export type Queryable = pg.Pool | pg.PoolClient;
export interface Pg {
  readonly pool: pg.Pool;
  now(): number;
}

export async function q<T>(on: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  try {
    const r = await on.query(sql, params);
    return r.rows as T[];
  } catch (err) {
    throw unavailableOr(err);
  }
}
export async function q1<T>(on: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await q<T>(on, sql, params))[0];
}

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function tx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let c: pg.PoolClient;
  try {
    c = await pool.connect();
  } catch (err) {
    throw unavailableOr(err);
  }
  let broken = false;
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => (broken = true));
    throw unavailableOr(err);
  } finally {
    // A connection that could not even roll back is dropped, not handed to the next caller.
    c.release(broken || undefined);
  }
}

export interface PoolOptions {
  max: number;
  /** lock_timeout: a statement waiting longer for a lock fails (55P03), answered `unavailable`. */
  lockWaitMs: number;
  /** statement_timeout: a statement running longer is cancelled (57014), answered `unavailable`. */
  statementTimeoutMs: number;
  /** application_name, so an operator (or a test) can tell these connections apart in pg_stat_activity. */
  applicationName: string;
  /**
   * An idle pooled connection failed (a failover, a restart, an idle-connection killer): the pool
   * drops it and opens a new one on the next query. Without a listener pg.Pool re-throws it, which
   * crashed every process at once.
   */
  onIdleError: (err: unknown) => void;
}

const INT8_OID = 20;
export function createPool(connectionString: string, schema: string, opts: PoolOptions): pg.Pool {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const ms = (n: number) => Math.max(0, Math.floor(n));
  const pool = new pg.Pool({
    connectionString,
    max: opts.max,
    application_name: opts.applicationName,
    options: `-c search_path=${schema} -c lock_timeout=${ms(opts.lockWaitMs)} -c statement_timeout=${ms(opts.statementTimeoutMs)}`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', opts.onIdleError);
  return pool;
}

/**
 * Failures that say nothing about the request and pass by themselves: answered `unavailable`
 * (retryable) instead of `internal`. A lock held past lock_timeout, a statement past
 * statement_timeout, a connection lost or refused (server restart, failover, terminated backend).
 */
export function unavailableOr(err: unknown): unknown {
  if (err instanceof ParleyError) return err;
  const e = err as { code?: string; message?: string } | null;
  const code = e?.code ?? '';
  if (code === '55P03') return new ParleyError('unavailable', 'The database is busy: a lock it needs is held by another transaction. Try again in a moment.');
  if (code === '57014') return new ParleyError('unavailable', 'The database did not answer in time. Try again in a moment.');
  const lost =
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === 'ECONNRESET' ||
    code === 'ECONNREFUSED' ||
    code === 'EPIPE' ||
    /Connection terminated|connection (is )?closed|Client has encountered a connection error/i.test(e?.message ?? '');
  if (lost) return new ParleyError('unavailable', 'The connection to the database was lost. Try again in a moment.');
  return err;
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}
