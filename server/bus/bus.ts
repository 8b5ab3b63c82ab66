import type { ServerEvent } from '../../protocol/index.ts';

/**
 * The Bus carries messages (events, as JSON) to every process that holds a connection which must see
 * them. Implementations: local.ts (in-process, default), redis.ts (scale-out). Every implementation
 * runs the shared suite in bus.suite.ts. Delivery per topic is in publish order from one publisher;
 * the bus never stores and may lose messages (Redis restarting, a process dying before it
 * publishes): durable events reach receivers through the site feed (server/feed/), which fills holes
 * from the Store, so for them the bus is only a fast hint.
 */
export interface Bus {
  readonly kind: string;
  publish<M = ServerEvent>(topic: string, message: M): Promise<void>;
  /** The listener is called for every message published to `topic` after this returns. */
  subscribe<M = ServerEvent>(topic: string, listener: (message: M) => void): Promise<() => Promise<void> | void>;
  /** False while the bus cannot carry messages (Redis unreachable); the in-process bus is always up. */
  readonly up: boolean;
  /** Told whenever `up` changes; returns its disposer. */
  onStatus(listener: (up: boolean) => void): () => void;
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
  /** Between processes: a site's committed durable events and hints (server/feed/). */
  siteFeed: (siteId: string) => `site:${siteId}:feed`,
  /** The process holding an HTTP fallback stream: POSTs that reached another process (realtime/stream/relay.ts). */
  stream: (streamId: string) => `stream:${streamId}`,
  /** One process: the answers to the POSTs it relayed. */
  streamReplies: (node: string) => `stream-replies:${node}`,
} as const;
