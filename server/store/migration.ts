/**
 * Numbered migrations, recorded in schema_migrations. A migration is never edited after it ships:
 * add a new one. Each dialect keeps its own SQL (sqlite/migrations.ts, postgres/migrations.ts) and
 * its own locking; which ones to run, in which order, is decided here.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations not yet applied, lowest version first. */
export function pendingMigrations(migrations: readonly Migration[], applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}
