import type { DurableEvent } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { loadConversation, requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { eventForVisitor } from './routing.ts';

export interface FetchRange {
  /** Positions above this: the site's cursors, or with conversationId that conversation's seqs. */
  after: number;
  /** Up to this one, inclusive; omitted: one page. */
  until?: number;
  conversationId?: string;
}

export interface FetchedEvents {
  /** In order, shaped and filtered for the principal (visitors never get notes). */
  events: DurableEvent[];
  /** Every event the principal may see with a position in (after, upTo] is in `events`. */
  upTo: number;
}

/**
 * A client found a hole (a later event, a heartbeat's high-water mark) and asks for the range it
 * misses: events.fetch. Staff read the site's log by cursor, or one conversation by seq; a visitor
 * only their own conversations, by seq, and only what they may see. At most `fetchMaxEvents` per call.
 *
 * `upTo` is what makes the answer usable as proof: one event beyond what is returned is read, so
 * "nothing there" is told apart from "not read yet". Positions a client asks for that do not exist
 * (legacy cursor gaps, a note's seq for a visitor) are then covered, and never claimed above what the
 * store has, so a client cannot be told to skip an event that is still to come.
 */
export async function fetchEvents(ctx: DomainContext, p: Principal, range: FetchRange): Promise<FetchedEvents> {
  const { after, until } = range;
  if (until !== undefined && until < after) fail('bad_request', '"until" must not be below "after".');
  const page = ctx.config.serverLimits.fetchMaxEvents;
  const want = until === undefined ? page : Math.min(page, until - after);
  if (want <= 0) return { events: [], upTo: after };

  let read: DurableEvent[];
  let position: (e: DurableEvent) => number;
  if (range.conversationId === undefined) {
    const staff = requireStaff(p, 'Fetching the site\'s events without a conversationId');
    read = await ctx.store.eventsAfterCursor(staff.siteId, after, want + 1);
    position = (e) => e.cursor;
  } else {
    await loadConversation(ctx.store, p, range.conversationId);
    const forVisitor = p.kind === 'visitor';
    read = await ctx.store.eventsAfterSeq(range.conversationId, after, want + 1, forVisitor);
    if (forVisitor) read = read.map(eventForVisitor);
    position = (e) => e.seq;
  }

  const limit = until ?? Number.MAX_SAFE_INTEGER;
  const events = read.slice(0, want).filter((e) => position(e) <= limit);
  const last = events.length ? position(events[events.length - 1]) : after;
  // Something beyond the answer exists: everything up to it is in the answer, so the range is done
  // through `until` when that is what stopped us, else through the page's last event.
  const beyond = read[events.length];
  if (beyond === undefined) return { events, upTo: last };
  return { events, upTo: position(beyond) > limit ? limit : last };
}
