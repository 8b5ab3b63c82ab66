import type { Db } from './db.ts';

/**
 * Who may create sites (server/domain/memberships.ts): emails, each a person with any memberships. The
 * first admin made on the server becomes the owner (claimFirstOwner, in createStaff); the last owner
 * cannot be removed, so the server is never left without one.
 */
export function listServerOwners(db: Db): string[] {
  return (db.st('SELECT email FROM server_owners ORDER BY since, email').all() as { email: string }[]).map((r) => r.email);
}

export function claimFirstOwner(db: Db, email: string, at: number): void {
  db.st('INSERT OR IGNORE INTO server_owners (email, since) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM server_owners)').run(email.toLowerCase(), at);
}

export function addServerOwner(db: Db, email: string, at: number): boolean {
  return db.st('INSERT OR IGNORE INTO server_owners (email, since) VALUES (?, ?)').run(email.toLowerCase(), at).changes > 0;
}

/** 'last' when it is the only owner left (nothing removed). */
export function removeServerOwner(db: Db, email: string): 'removed' | 'absent' | 'last' {
  const owners = listServerOwners(db);
  const e = email.toLowerCase();
  if (!owners.includes(e)) return 'absent';
  if (owners.length === 1) return 'last';
  db.st('DELETE FROM server_owners WHERE email = ?').run(e);
  return 'removed';
}
