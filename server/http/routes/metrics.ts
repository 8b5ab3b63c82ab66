import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from '../../metrics/metrics.ts';
import type { App, RouteDeps } from '../env.ts';

/**
 * GET /metrics: Prometheus text, for a scraper that presents `Authorization: Bearer <PARLEY_METRICS_TOKEN>`.
 * Without a token set, metrics are off (404): they name routes, load and errors, which are not for the
 * public. The comparison takes the same time whatever the token given.
 */
export function registerMetrics(app: App, deps: RouteDeps): void {
  const token = deps.config.metricsToken;
  const expected = token ? digest(token) : null;
  app.get('/metrics', async (c) => {
    if (!expected || !deps.metrics) return c.json({ code: 'not_found', message: 'Metrics are off: set PARLEY_METRICS_TOKEN to turn them on.' }, 404);
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="parley-metrics"');
      return c.json({ code: 'unauthorized', message: 'Send Authorization: Bearer <PARLEY_METRICS_TOKEN>.' }, 401);
    }
    c.header('Cache-Control', 'no-store');
    return c.body(await deps.metrics.render(), 200, { 'Content-Type': deps.metrics.contentType });
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** One request into parley_http_requests_total and the duration histogram, by route pattern, never by id. */
export function countRequest(metrics: Metrics, c: Context, ms: number): void {
  const matched = routePath(c, -1);
  const route = matched === '*' || matched === '/*' ? '(unmatched)' : matched;
  metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
  metrics.httpSeconds.observe({ method: c.req.method, route }, ms / 1000);
}
