import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { TallyHistogram } from './tally-histogram.ts';

/**
 * Parley's Prometheus metrics (GET /metrics, docs/deploy.md "Metrics"). One set per server, so the servers a
 * test runs in one process do not add into each other; the process-wide series (event-loop lag, heap, GC,
 * CPU) are registered once per process and included in every server's output.
 *
 * Adding a metric: one entry in createMetrics() below (name parley_<area>_<what>[_total|_seconds], help,
 * labels), then one call where the thing happens, through the `metrics` the server passes down (optional
 * in deps, so code built without one still runs). Label values must be few (a role, a route pattern),
 * never ids.
 */
export function createMetrics() {
  const own = new Registry();
  const registers = [own];
  let connections: () => Record<string, number> = () => ({});
  let sessions: () => { transport: string; role: string; n: number }[] = () => [];
  const metrics = {
    wsConnections: new Gauge({
      name: 'parley_ws_connections',
      help: 'Open WebSocket connections by role (visitor, staff; pending: before hello).',
      labelNames: ['role'] as const,
      registers,
      collect() {
        this.reset();
        for (const [role, n] of Object.entries(connections())) this.set({ role }, n);
      },
    }),
    realtimeSessions: new Gauge({
      name: 'parley_realtime_sessions',
      help: 'Open realtime sessions by transport (ws: WebSocket; stream: the HTTP fallback) and role (visitor, staff; pending: before hello).',
      labelNames: ['transport', 'role'] as const,
      registers,
      collect() {
        this.reset();
        for (const { transport, role, n } of sessions()) this.set({ transport, role }, n);
      },
    }),
    hellos: new Counter({ name: 'parley_ws_hellos_total', help: 'Accepted hellos by role.', labelNames: ['role'] as const, registers }),
    resumes: new Counter({ name: 'parley_ws_resumes_total', help: 'Hellos that resumed from a position (reconnects), by role.', labelNames: ['role'] as const, registers }),
    replayedEvents: new Counter({ name: 'parley_ws_replayed_events_total', help: 'Events replayed from the store to resuming sockets, by role.', labelNames: ['role'] as const, registers }),
    messagesCommitted: new Counter({ name: 'parley_messages_committed_total', help: 'Messages committed (resends of one clientId count once), by author.', labelNames: ['author'] as const, registers }),
    // Observed per group commit and per delivery: TallyHistogram, not prom-client's (tally-histogram.ts).
    groupCommitSize: new TallyHistogram('parley_store_group_commit_size', 'Messages per group commit (one transaction).', [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], registers),
    groupCommitSeconds: new TallyHistogram(
      'parley_store_group_commit_duration_seconds',
      'Time one group commit took, from BEGIN to COMMIT returning.',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    ),
    publishLagSeconds: new TallyHistogram(
      'parley_publish_lag_seconds',
      "End-to-end delivery: a live message's commit to its write on a subscriber's socket (any process).",
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    ),
    busErrors: new Counter({ name: 'parley_bus_errors_total', help: 'Bus failures (Redis connection, publish, presence), by where.', labelNames: ['where'] as const, registers }),
    slowConsumerCloses: new Counter({ name: 'parley_ws_slow_consumer_closes_total', help: 'Sockets closed with 4009 because their unsent data passed PARLEY_MAX_BUFFERED_BYTES.', registers }),
    rateLimited: new Counter({
      name: 'parley_rate_limited_total',
      help: 'Refusals by a rate limit: transport ws or stream (the realtime transports) or rest, and the kind (frame, connections, send, upload, visitor-session, staff-login).',
      labelNames: ['transport', 'kind'] as const,
      registers,
    }),
    httpRequests: new Counter({ name: 'parley_http_requests_total', help: 'HTTP requests by method, route pattern and status.', labelNames: ['method', 'route', 'status'] as const, registers }),
    httpSeconds: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request time until the response headers, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  const registry = Registry.merge([processRegistry(), own]);
  return {
    ...metrics,
    registry,
    /** Where parley_ws_connections reads its numbers at each scrape (the gateway's sessions by role). */
    countConnections(source: () => Record<string, number>, byTransport?: () => { transport: string; role: string; n: number }[]): void {
      connections = source;
      if (byTransport) sessions = byTransport;
    },
    /** A socket's hello was accepted: counted by role, as a resume when it gave a position, with its replay. */
    helloDone(role: 'visitor' | 'staff', resumed: boolean, replayed: number): void {
      metrics.hellos.inc({ role });
      if (resumed) metrics.resumes.inc({ role });
      if (replayed > 0) metrics.replayedEvents.inc({ role }, replayed);
    },
    /** A socket's live delivery of `event`: a message event observes its commit-to-socket lag. */
    observeDeliveryLag(event: { kind: string; message?: { createdAt: number } }, now: () => number): void {
      if (event.kind === 'message.created' && event.message) metrics.publishLagSeconds.observe(Math.max(0, now() - event.message.createdAt) / 1000);
    },
    /**
     * The store as the server uses it, with each committed message counted (a resend of a clientId is not):
     * the one place every send, REST or WebSocket, goes through. Everything else is the store itself.
     */
    countingCommits<S extends { appendMessage(input: never): Promise<{ duplicate: boolean; message: { author: { kind: string } } }> }>(store: S): S {
      const counted = Object.create(store) as S;
      // One promise per append, not an async wrapper's two: this runs for every message.
      counted.appendMessage = ((input: never) =>
        store.appendMessage(input).then((result) => {
          if (!result.duplicate) metrics.messagesCommitted.inc({ author: result.message.author.kind });
          return result;
        })) as S['appendMessage'];
      return counted;
    },
    /** Prometheus text exposition format. */
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

let processWide: Registry | null = null;
/** Node's own series (event-loop lag, heap, GC, CPU, handles): per process, registered once. */
function processRegistry(): Registry {
  if (!processWide) {
    processWide = new Registry();
    collectDefaultMetrics({ register: processWide, eventLoopMonitoringPrecision: 10 });
  }
  return processWide;
}
