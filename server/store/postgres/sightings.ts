import type { WidgetSighting } from '../store.ts';
import { q, type Pg } from './db.ts';

/** Where a site's widget was seen (the dashboard's installation check). */
export async function recordWidgetSighting(db: Pg, siteId: string, origin: string, at: number): Promise<void> {
  await q(
    db.pool,
    `INSERT INTO widget_sightings (site_id, origin, last_seen_at) VALUES ($1, $2, $3)
     ON CONFLICT (site_id, origin) DO UPDATE SET last_seen_at = GREATEST(widget_sightings.last_seen_at, excluded.last_seen_at)`,
    [siteId, origin, at],
  );
}

export async function listWidgetSightings(db: Pg, siteId: string, limit: number): Promise<WidgetSighting[]> {
  const rows = await q<{ origin: string; last_seen_at: string }>(
    db.pool,
    'SELECT origin, last_seen_at FROM widget_sightings WHERE site_id = $1 ORDER BY last_seen_at DESC, origin LIMIT $2',
    [siteId, limit],
  );
  return rows.map((r) => ({ origin: r.origin, lastSeenAt: Number(r.last_seen_at) }));
}
