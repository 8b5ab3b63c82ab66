import { isDurable, type ServerEvent, type ServerFrame } from '../../protocol/index.ts';

type Heartbeat = Extract<ServerFrame, { type: 'heartbeat' }>;

/**
 * What one connection was sent, for the heartbeat's high-water mark (docs/protocol.md, Holes): a
 * client holding less than the mark lost something and fills it with events.fetch. Staff get the
 * site's cursor: the highest sent here, or what the store had at this process's last check if that
 * is higher (so a client also notices when this process itself is behind). Visitors get, per
 * conversation, the highest seq sent on this connection: a visitor may not see every event of the
 * site, so only what was meant for them can be a hole for them.
 *
 * A class with the per-conversation map made on the first event: one per socket, and an idle
 * visitor's socket is sent no event (findings.md #19).
 */
export class HighWater {
  private cursor = 0;
  private seqs: Map<string, number> | null = null;

  constructor(private readonly role: 'staff' | 'visitor') {}

  /** An event frame is going out on the socket. */
  sent(e: ServerEvent): void {
    if (!isDurable(e)) return;
    if (this.role === 'staff') this.cursor = Math.max(this.cursor, e.cursor);
    else if (e.seq > (this.seqs?.get(e.conversationId) ?? 0)) (this.seqs ??= new Map()).set(e.conversationId, e.seq);
  }

  /** Staff: the client holds everything up to this already (its resume point, the replay's end). */
  covered(c: number | undefined): void {
    if (c !== undefined && c > this.cursor) this.cursor = c;
  }

  /** The heartbeat frame, with `storeLatest` from the site feed (Feeds.latest). */
  heartbeat(t: number, storeLatest: number | undefined): Heartbeat {
    if (this.role === 'staff') return { type: 'heartbeat', t, cursor: Math.max(this.cursor, storeLatest ?? 0) };
    return this.seqs?.size ? { type: 'heartbeat', t, seqs: Object.fromEntries(this.seqs) } : { type: 'heartbeat', t };
  }
}
