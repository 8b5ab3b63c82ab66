import pg from 'pg';

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
  const r = await on.query(sql, params);
  return r.rows as T[];
}
export async function q1<T>(on: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await q<T>(on, sql, params))[0];
}

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function tx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

const INT8_OID = 20;
export function createPool(connectionString: string, schema: string, max: number): pg.Pool {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return new pg.Pool({
    connectionString,
    max,
    options: `-c search_path=${schema}`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}
