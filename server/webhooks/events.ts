import type { DurableEvent } from '../../protocol/index.ts';
import type { NewDelivery, WebhookEndpoint, WebhookEventKind } from '../store/webhook-records.ts';

/**
 * Which webhook kinds a durable event is, and the body each delivery carries (Standard Webhooks'
 * recommended shape: `type`, `timestamp`, `data`). A status change to resolved is both
 * conversation.updated and conversation.resolved, so an endpoint may ask for either. Notes go only to
 * endpoints with includeNotes; events webhooks do not carry (read cursors, deletions, triage) make nothing.
 * An identify is one visitor.identified per conversation of the visitor (each names its conversation).
 */
export function kindsOf(e: DurableEvent): WebhookEventKind[] {
  switch (e.kind) {
    case 'conversation.created':
      return ['conversation.created'];
    case 'conversation.updated':
      return e.changes.status === 'resolved' ? ['conversation.updated', 'conversation.resolved'] : ['conversation.updated'];
    case 'message.created':
      return ['message.created'];
    case 'conversation.rated':
      return ['conversation.rated'];
    case 'visitor.identified':
      return ['visitor.identified'];
    default:
      return [];
  }
}

function dataOf(siteId: string, e: DurableEvent): Record<string, unknown> {
  const base = { siteId, conversationId: e.conversationId, seq: e.seq };
  if (e.kind === 'message.created') return { ...base, message: e.message };
  if (e.kind === 'conversation.updated') return { ...base, conversation: e.conversation, changes: e.changes, by: e.by };
  if (e.kind === 'conversation.created') return { ...base, conversation: e.conversation };
  if (e.kind === 'conversation.rated') return { ...base, rating: e.rating, conversation: e.conversation };
  if (e.kind === 'visitor.identified') return { ...base, visitorId: e.visitorId, name: e.name, fromLabel: e.fromLabel };
  return base;
}

/** The deliveries one event makes for a site's endpoints, each keyed so a second hand-over adds none. */
export function deliveriesFor(siteId: string, e: DurableEvent, endpoints: WebhookEndpoint[], at: number): NewDelivery[] {
  const out: NewDelivery[] = [];
  const isNote = e.kind === 'message.created' && e.message.note;
  for (const kind of kindsOf(e)) {
    for (const w of endpoints) {
      if (!w.events.includes(kind) || (isNote && !w.includeNotes)) continue;
      const body = JSON.stringify({ type: kind, timestamp: new Date(at).toISOString(), data: dataOf(siteId, e) });
      out.push({ endpointId: w.id, siteId, kind, eventCursor: e.cursor, body, dedupeKey: `${w.id}:${e.cursor}:${kind}`, at });
    }
  }
  return out;
}

/** A test delivery an admin asks for: no event behind it, a fresh key each time. */
export function testDelivery(w: WebhookEndpoint, at: number, nonce: string): NewDelivery {
  const body = JSON.stringify({ type: 'webhook.test', timestamp: new Date(at).toISOString(), data: { siteId: w.siteId, endpointId: w.id, message: 'A test delivery from Parley.' } });
  return { endpointId: w.id, siteId: w.siteId, kind: 'webhook.test', eventCursor: null, body, dedupeKey: `${w.id}:test:${nonce}`, at };
}

/**
 * `erasure.requested`: a visitor asked from the widget to have their data erased (the admins confirm or
 * decline it in Settings → Privacy). No event of the log is behind it (a visitor may have no
 * conversation): the deliveries are stored in the same transaction as the request, once per request.
 * The body names the visitor by id only; their erasure removes the delivery with everything else naming them.
 */
export function erasureRequestedDeliveries(siteId: string, request: { id: string; visitorId: string; requestedAt: number }, endpoints: WebhookEndpoint[]): NewDelivery[] {
  const data = { siteId, requestId: request.id, visitorId: request.visitorId, requestedAt: request.requestedAt };
  return endpoints
    .filter((w) => w.events.includes('erasure.requested'))
    .map((w) => ({
      endpointId: w.id,
      siteId,
      kind: 'erasure.requested',
      eventCursor: null,
      body: JSON.stringify({ type: 'erasure.requested', timestamp: new Date(request.requestedAt).toISOString(), data }),
      dedupeKey: `${w.id}:erasure:${request.id}`,
      at: request.requestedAt,
    }));
}
