import type { WidgetSighting } from '../store.ts';
import type { Db } from './db.ts';

/** Where a site's widget was seen (the dashboard's installation check). */
export function recordWidgetSighting(db: Db, siteId: string, origin: string, at: number): void {
  db.st(
    `INSERT INTO widget_sightings (site_id, origin, last_seen_at) VALUES (?, ?, ?)
     ON CONFLICT (site_id, origin) DO UPDATE SET last_seen_at = MAX(last_seen_at, excluded.last_seen_at)`,
  ).run(siteId, origin, at);
}

export function listWidgetSightings(db: Db, siteId: string, limit: number): WidgetSighting[] {
  return db
    .st('SELECT origin, last_seen_at AS lastSeenAt FROM widget_sightings WHERE site_id = ? ORDER BY last_seen_at DESC, origin LIMIT ?')
    .all(siteId, limit) as WidgetSighting[];
}
