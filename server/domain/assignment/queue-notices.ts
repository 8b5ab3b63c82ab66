import { Topics } from '../../bus/bus.ts';
import type { DomainContext } from '../context.ts';
import { publishAll } from '../routing.ts';

/**
 * Tells people where the queue stands, as ephemeral events read from the store: staff of the site
 * get `queue.changed` (how many wait, the first ids), each waiting visitor `queue.position` (and 0
 * once their conversation left the queue). Only what changed since this process last told is sent;
 * another process's changes are told by that process, and by this one's next sweep.
 */
export interface QueueNotices {
  publish(siteId: string): Promise<void>;
  /** A visitor's waiting conversations and their places, for their hello. */
  positionsOf(siteId: string, visitorId: string): Promise<{ conversationId: string; position: number }[]>;
}

export function createQueueNotices(ctx: DomainContext, maxListed: number): QueueNotices {
  /** Site -> what staff were last told, and each listed conversation's place (with its visitor). */
  const told = new Map<string, { staff: string; places: Map<string, { visitorId: string; position: number }> }>();
  const publish = (topic: string, event: Parameters<typeof publishAll>[2]) => publishAll(ctx.bus, [topic], event, ctx.onPublishError);

  return {
    async publish(siteId) {
      const { entries, waiting } = await ctx.store.queue(siteId, maxListed);
      const before = told.get(siteId) ?? { staff: '', places: new Map() };
      const places = new Map(entries.map((e, i) => [e.conversationId, { visitorId: e.visitorId, position: i + 1 }]));
      const conversationIds = entries.map((e) => e.conversationId);
      const staff = JSON.stringify([waiting, conversationIds]);
      told.set(siteId, { staff, places });
      if (staff !== before.staff) await publish(Topics.siteStaff(siteId), { kind: 'queue.changed', waiting, conversationIds });
      for (const [conversationId, place] of places) {
        if (before.places.get(conversationId)?.position !== place.position) {
          await publish(Topics.visitor(place.visitorId), { kind: 'queue.position', conversationId, position: place.position });
        }
      }
      for (const [conversationId, place] of before.places) {
        if (!places.has(conversationId)) await publish(Topics.visitor(place.visitorId), { kind: 'queue.position', conversationId, position: 0 });
      }
    },
    async positionsOf(siteId, visitorId) {
      const { entries } = await ctx.store.queue(siteId, maxListed);
      return entries.flatMap((e, i) => (e.visitorId === visitorId ? [{ conversationId: e.conversationId, position: i + 1 }] : []));
    },
  };
}
