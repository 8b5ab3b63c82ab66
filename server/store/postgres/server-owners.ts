import { q, tx, type Pg } from './db.ts';

/** As SQLite's server-owners.ts; removal locks the table so two owners removing each other leave one. */
export async function listServerOwners(db: Pg): Promise<string[]> {
  return (await q<{ email: string }>(db.pool, 'SELECT email FROM server_owners ORDER BY since, email')).map((r) => r.email);
}

export async function claimFirstOwner(db: Pg, email: string, at: number): Promise<void> {
  await q(db.pool, 'INSERT INTO server_owners (email, since) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM server_owners) ON CONFLICT DO NOTHING', [email.toLowerCase(), at]);
}

export async function addServerOwner(db: Pg, email: string, at: number): Promise<boolean> {
  return (await q<{ email: string }>(db.pool, 'INSERT INTO server_owners (email, since) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING email', [email.toLowerCase(), at])).length > 0;
}

export async function removeServerOwner(db: Pg, email: string): Promise<'removed' | 'absent' | 'last'> {
  return tx(db.pool, async (c) => {
    await c.query('LOCK TABLE server_owners IN EXCLUSIVE MODE');
    const owners = (await c.query<{ email: string }>('SELECT email FROM server_owners')).rows.map((r) => r.email);
    const e = email.toLowerCase();
    if (!owners.includes(e)) return 'absent';
    if (owners.length === 1) return 'last';
    await c.query('DELETE FROM server_owners WHERE email = $1', [e]);
    return 'removed';
  });
}
