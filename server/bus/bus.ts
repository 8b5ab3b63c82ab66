import type { ServerEvent } from '../../protocol/index.ts';

/**
 * The Bus carries committed events to every process that holds a connection which must see them.
 * Implementations: local.ts (in-process, default), redis.ts (scale-out). Every implementation runs
 * the shared suite in bus.suite.ts. Delivery per topic is in publish order; the bus never stores:
 * durable events are replayed from the Store on resume.
 */
export interface Bus {
  readonly kind: string;
  publish(topic: string, event: ServerEvent): Promise<void>;
  /** The listener is called for every event published to `topic` after this returns. */
  subscribe(topic: string, listener: (event: ServerEvent) => void): Promise<() => Promise<void> | void>;
  close(): Promise<void>;
}

/** Topic names. One place, so publishers and subscribers cannot drift apart. */
export const Topics = {
  /** Every staff connection of a site: all durable events, typing, presence. */
  siteStaff: (siteId: string) => `site:${siteId}:staff`,
  /** Every connection of one visitor (all tabs and devices): their conversations' visitor-visible events. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every connection of one staff member: their unread counts, their own availability. */
  staff: (staffId: string) => `staff:${staffId}`,
  /** Visitors of a site: staff availability summary. */
  siteVisitors: (siteId: string) => `site:${siteId}:visitors`,
} as const;
