import { isDurable, type ServerEvent, type ServerFrame } from '../../protocol/index.ts';

type Heartbeat = Extract<ServerFrame, { type: 'heartbeat' }>;

/**
 * What one connection was sent, for the heartbeat's high-water mark (docs/protocol.md, Holes): a
 * client holding less than the mark lost something and fills it with events.fetch. Staff get the
 * site's cursor: the highest sent here, or what the store had at this process's last check if that
 * is higher (so a client also notices when this process itself is behind). Visitors get, per
 * conversation, the highest seq sent on this connection: a visitor may not see every event of the
 * site, so only what was meant for them can be a hole for them.
 */
export function createHighWater(role: 'staff' | 'visitor') {
  let cursor = 0;
  const seqs = new Map<string, number>();
  return {
    /** An event frame is going out on the socket. */
    sent(e: ServerEvent): void {
      if (!isDurable(e)) return;
      if (role === 'staff') cursor = Math.max(cursor, e.cursor);
      else if (e.seq > (seqs.get(e.conversationId) ?? 0)) seqs.set(e.conversationId, e.seq);
    },
    /** Staff: the client holds everything up to this already (its resume point, the replay's end). */
    covered(c: number | undefined): void {
      if (c !== undefined && c > cursor) cursor = c;
    },
    /** The heartbeat frame, with `storeLatest` from the site feed (Feeds.latest). */
    heartbeat(t: number, storeLatest: number | undefined): Heartbeat {
      if (role === 'staff') return { type: 'heartbeat', t, cursor: Math.max(cursor, storeLatest ?? 0) };
      return seqs.size ? { type: 'heartbeat', t, seqs: Object.fromEntries(seqs) } : { type: 'heartbeat', t };
    },
  };
}

export type HighWater = ReturnType<typeof createHighWater>;
