import type { AgentCapacity } from '../../../protocol/index.ts';
import { Topics } from '../../bus/bus.ts';
import type { DomainContext } from '../context.ts';
import { publishAll } from '../routing.ts';
import type { QueueEntry } from '../../store/assignment-records.ts';

/**
 * Tells people where the queue stands, as ephemeral events read from the store: staff of the site
 * get `queue.changed` (how many wait, the first ids), each waiting visitor `queue.position` (and 0
 * once their conversation left the queue), the site's visitors `capacity` (every online agent full or
 * not, and how many wait). Only what changed since this process last told is sent; another process's
 * changes are told by that process, and by this one's next sweep. For `capacity` this process also
 * hears what the others told (the site's visitor topic), so after another process said "not full" it
 * says "full" again when it finds so, rather than keeping quiet because it had said so before.
 */
export interface QueueNotices {
  /** `off`: the site assigns by hand, so nothing is queued (the staff and visitors told a queue hear it emptied). */
  publish(siteId: string, off?: boolean): Promise<void>;
  /** Tells the site's visitors whether agents are full, when that differs from what they were last told. */
  capacity(siteId: string, state: AgentCapacity): Promise<void>;
  /** Stops listening to what other processes told. */
  close(): Promise<void>;
  /** A visitor's waiting conversations and their places, for their hello. */
  positionsOf(siteId: string, visitorId: string): Promise<{ conversationId: string; position: number }[]>;
}

export function createQueueNotices(ctx: DomainContext, maxListed: number): QueueNotices {
  /** Site -> what staff were last told, and each listed conversation's place (with its visitor). */
  const told = new Map<string, { staff: string; places: Map<string, { visitorId: string; position: number }> }>();
  const publish = (topic: string, event: Parameters<typeof publishAll>[2]) => publishAll(ctx.bus, [topic], event, ctx.onPublishError);
  /** Site -> the capacity its visitors were last told (by any process this one heard). */
  const capacityTold = new Map<string, string>();
  const listening = new Map<string, Promise<() => Promise<void> | void>>();
  const capacityKey = (c: AgentCapacity) => JSON.stringify([c.full, c.full ? c.waiting : 0]);
  const listen = (siteId: string) => {
    if (listening.has(siteId)) return listening.get(siteId)!;
    const sub = ctx.bus.subscribe(Topics.siteVisitors(siteId), (e) => {
      if (e.kind === 'capacity') capacityTold.set(siteId, capacityKey(e));
    });
    listening.set(siteId, sub);
    return sub;
  };

  return {
    async publish(siteId, off = false) {
      const { entries, waiting } = off ? { entries: [], waiting: 0 } : await ctx.store.queue(siteId, maxListed);
      const before = told.get(siteId) ?? { staff: '', places: new Map() };
      const places = new Map(placesInTeams(entries).map(({ entry, position }) => [entry.conversationId, { visitorId: entry.visitorId, position }]));
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
    async capacity(siteId, state) {
      await listen(siteId);
      const key = capacityKey(state);
      // Never told: visitors got the state in their hello, unless it is full (a process that just
      // started cannot know whether another one told them so).
      const before = capacityTold.get(siteId) ?? capacityKey({ full: false, waiting: 0 });
      if (before === key) return;
      capacityTold.set(siteId, key);
      await publish(Topics.siteVisitors(siteId), { kind: 'capacity', full: state.full, waiting: state.full ? state.waiting : 0 });
    },
    async close() {
      const subs = [...listening.values()];
      listening.clear();
      for (const sub of subs) await (await sub)();
    },
    async positionsOf(siteId, visitorId) {
      const { entries } = await ctx.store.queue(siteId, maxListed);
      return placesInTeams(entries).flatMap(({ entry, position }) => (entry.visitorId === visitorId ? [{ conversationId: entry.conversationId, position }] : []));
    },
  };
}

/** Each waiting conversation's place in its own team's queue (the no-team queue is one too), from the site's queue in order. */
export function placesInTeams(entries: QueueEntry[]): { entry: QueueEntry; position: number }[] {
  const seen = new Map<string | null, number>();
  return entries.map((entry) => {
    const position = (seen.get(entry.teamId) ?? 0) + 1;
    seen.set(entry.teamId, position);
    return { entry, position };
  });
}
