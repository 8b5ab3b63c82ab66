import type { DurableEvent } from '../../protocol/index.ts';
import type { DomainContext } from './context.ts';

/**
 * Hands committed durable events to this process's site feed (server/feed/), which delivers them here
 * at once and sends them to the other processes, in cursor order whatever order callers publish in.
 * Synchronous and never failing, so no later step of a use case can skip it; should a process die
 * between its commit and this call, the other processes read the commit from the store anyway.
 * Staff see every event; the visitor only those that carry `prevVisibleSeq` (never a note).
 */
export function publishDurable(ctx: DomainContext, siteId: string, visitorId: string, events: DurableEvent[]): void {
  ctx.feeds.committed(
    siteId,
    events.map((event) => ({ event, visitorId, visible: event.prevVisibleSeq !== undefined })),
  );
  ctx.assignment?.committed(siteId, events);
}
