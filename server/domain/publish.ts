import type { DurableEvent } from '../../protocol/index.ts';
import type { DomainContext } from './context.ts';
import { routeDurable } from './routing.ts';

/** Publishes one committed durable event to everyone who may see it. */
export async function publishDurable(ctx: DomainContext, siteId: string, visitorId: string, event: DurableEvent, visibleToVisitor: boolean): Promise<void> {
  for (const route of routeDurable(event, siteId, visitorId, visibleToVisitor)) {
    try {
      await ctx.bus.publish(route.topic, route.event);
    } catch (err) {
      ctx.onPublishError(err, route.topic, route.event);
    }
  }
}
