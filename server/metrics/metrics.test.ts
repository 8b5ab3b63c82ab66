import assert from 'node:assert/strict';
import { test } from 'node:test';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, staffClient, visitorClient, withTestServer, type TestServer } from '../realtime/test-helpers.ts';

/**
 * GET /metrics on the real server: off without PARLEY_METRICS_TOKEN, refused without the token, and with it
 * Prometheus text (read back by a parser, not by regexes of ours) whose series move with real traffic.
 */
const TOKEN = 'metrics-token-0123456789';

async function scrape(ts: TestServer): Promise<Map<string, ParsedFamily>> {
  const res = await fetch(ts.server.url + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
}

/** A counter's or gauge's value for these labels (0 while the series has no sample yet). */
function value(families: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}): number {
  const sample = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? 0);
}
/** Observations of an unlabelled histogram. */
const histogramCount = (families: Map<string, ParsedFamily>, name: string) => Number(families.get(name)?.metrics[0]?.count ?? 0);

test('without PARLEY_METRICS_TOKEN, /metrics is off', () =>
  withTestServer(async (ts) => {
    const r = await api(ts, '/metrics');
    assert.equal(r.status, 404);
    assert.match(r.body.message, /PARLEY_METRICS_TOKEN/);
  }));

test('with the token set, /metrics needs it, and its series move with traffic', () =>
  withTestServer({ metricsToken: TOKEN, limits: { rateBurst: 40, ratePerSec: 1 }, serverLimits: { restRateBurst: 1, restRatePerSec: 1 } }, async (ts) => {
    assert.equal((await api(ts, '/metrics')).status, 401);
    assert.equal((await api(ts, '/metrics', { token: 'not-the-token-0123456789' })).status, 401);

    const before = await scrape(ts);
    assert.ok(before.has('nodejs_eventloop_lag_seconds') && before.has('nodejs_eventloop_lag_p99_seconds'), 'event-loop lag');
    const { site, staffToken } = await createTestSite(ts);
    const staff = await staffClient(ts, staffToken);
    const visitor = await newVisitor(ts, site);
    const vc = await visitorClient(ts, site, visitor.token);
    const sent = await vc.call('message.send', { clientId: 'm1', text: 'Hello?' });
    await vc.call('message.send', { clientId: 'm1', text: 'Hello?' }); // a resend after a lost ack: one message
    await staff.call('message.send', { conversationId: sent.conversationId, clientId: 's1', text: 'Hi!' });
    await vc.waitForEvents((events) => events.some((e) => e.kind === 'message.created' && e.message.text === 'Hi!'));
    const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key }, origin: 'https://shop.example' });
    assert.equal(session.status, 200);
    const again = await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key }, origin: 'https://shop.example' });
    assert.equal(again.status, 429, 'the REST bucket (burst 1) is empty');
    // A flood: frames past the bucket are refused (rate_limited) and counted.
    const replies = await Promise.all(Array.from({ length: 45 }, () => vc.request('typing', { conversationId: sent.conversationId })));
    assert.ok(replies.some((f) => f.type === 'error' && f.code === 'rate_limited'));

    const after = await scrape(ts);
    assert.equal(value(after, 'parley_ws_connections', { role: 'visitor' }), 1);
    assert.equal(value(after, 'parley_ws_connections', { role: 'staff' }), 1);
    assert.equal(value(after, 'parley_ws_hellos_total', { role: 'visitor' }) - value(before, 'parley_ws_hellos_total', { role: 'visitor' }), 1);
    assert.equal(value(after, 'parley_ws_hellos_total', { role: 'staff' }), 1);
    assert.equal(value(after, 'parley_messages_committed_total', { author: 'visitor' }), 1, 'the resend is not a second message');
    assert.equal(value(after, 'parley_messages_committed_total', { author: 'staff' }), 1);
    assert.ok(histogramCount(after, 'parley_store_group_commit_size') >= 1, 'group commits observed');
    assert.equal(histogramCount(after, 'parley_store_group_commit_duration_seconds'), histogramCount(after, 'parley_store_group_commit_size'));
    assert.ok(Number(after.get('parley_store_group_commit_size')!.metrics[0].sum) >= 2, 'they held both messages');
    assert.ok(histogramCount(after, 'parley_publish_lag_seconds') >= 2, 'live deliveries were timed (staff got the question, the visitor the answer)');
    assert.ok(value(after, 'parley_rate_limited_total', { transport: 'ws', kind: 'frame' }) >= 1);
    assert.equal(value(after, 'parley_rate_limited_total', { transport: 'rest', kind: 'visitor-session' }), 1);
    assert.equal(value(after, 'parley_http_requests_total', { method: 'POST', route: '/api/v1/visitor/session', status: '429' }), 1);
    assert.equal(value(after, 'parley_http_requests_total', { method: 'POST', route: '/api/v1/visitor/session', status: '200' }), 1);
    assert.ok(value(after, 'parley_http_requests_total', { method: 'GET', route: '/metrics', status: '200' }) >= 1);
    // (The parser folds a labelled histogram's series into one; that it is a histogram is what it can say.)
    assert.equal(after.get('parley_http_request_duration_seconds')?.type, 'HISTOGRAM');

    // A reconnect that resumes is counted as one, with what it replayed.
    await vc.close();
    const resumedClient = await visitorClient(ts, site, visitor.token, { conversations: { [sent.conversationId]: 0 } });
    const resumed = await scrape(ts);
    assert.equal(value(resumed, 'parley_ws_resumes_total', { role: 'visitor' }), 1);
    assert.ok(value(resumed, 'parley_ws_replayed_events_total', { role: 'visitor' }) >= 2, 'the question and the answer were replayed');
    await Promise.all([resumedClient.close(), staff.close()]);
  }));
