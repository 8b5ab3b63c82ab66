import type { Message, PresenceEntry, StaffAvailability, StaffMember, Visitor, SitePublic } from './model.ts';
import type { AgentCapacity, HoursState, ServerEvent } from './events.ts';
import type { ErrorCode } from './errors.ts';
import type { Limits } from './limits.ts';
import type { NotificationState } from './notifications.ts';

/*
 * Frames are JSON text messages on /ws. Every client command carries `id` (a correlation id the
 * client picks, unique per connection) and gets exactly one `ack` or one `error` with that id.
 */

/*
 * The command types (ClientCommand, ResumePoint, ContextUpdate) come from their schemas in
 * protocol/schema/commands.ts, which the server validates frames with; type-only here, so clients
 * that import this file load no validator.
 */
export type { ClientCommand, ClientCommandType, ResumePoint } from './schema/commands.ts';
export type { ContextUpdate } from './schema/context.ts';
export type { StreamPost } from './schema/realtime-stream.ts';

/** Results carried by `ack`, per command type. */
export interface AckResults {
  hello: HelloResult;
  ping: { t: number };
  'message.send': { messageId: string; conversationId: string; seq: number; createdAt: number; message: Message };
  'message.delete': { seq: number };
  read: { seq: number };
  typing: Record<string, never>;
  'conversation.update': { seq: number };
  'conversation.rate': { seq: number };
  'presence.set': { status: StaffAvailability };
  'presence.query': { entries: PresenceEntry[] };
  'context.update': Record<string, never>;
  /**
   * Every event the caller may see with a position in (after, upTo] was sent before this ack; a
   * position there that did not come does not exist. `upTo` below `until` (or `after` + the page
   * size): ask again from `upTo`.
   */
  'events.fetch': { upTo: number };
}

export interface HelloResult {
  v: number;
  connectionId: string;
  role: 'visitor' | 'staff';
  site: SitePublic;
  visitor?: Visitor;
  staff?: StaffMember;
  limits: Limits;
  /** Resume outcome. 'replayed': missed events follow this ack, before live ones. */
  resume: {
    /** Staff: the cursor after replay. */
    cursor?: number;
    /** Conversation ids (visitor) or 'site' (staff) that are too far behind: reload through REST. */
    reload: string[];
    replayed: number;
  };
  /** Current staff availability for visitors. */
  availability?: StaffAvailability;
  /**
   * Staff: their notification state now (unread count, newest id). A client whose newest differs
   * reloads the list (GET /api/v1/notifications): what a lost push or a disconnect missed heals here.
   */
  notifications?: NotificationState;
  /** Visitors: within business hours or not, and until when (events: `hours`). */
  hours?: HoursState;
  /**
   * Visitors: the median minutes staff took to first answer a conversation begun in open hours over
   * the last PARLEY_REPLY_TIME_DAYS, when there were enough of them; else absent (show
   * `site.settings.replyTime`).
   */
  replyMinutes?: number;
  /** Visitors: their conversations waiting for an agent and their places (1: next); events: `queue.position`. */
  queue?: { conversationId: string; position: number }[];
  /** Visitors: whether every online agent is at capacity and how many wait (events: `capacity`). */
  capacity?: AgentCapacity;
}

export type ServerFrame =
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'error'; id?: string; code: ErrorCode; message: string }
  | { type: 'event'; event: ServerEvent }
  /**
   * App-level heartbeat, every limits.heartbeatMs, so browsers (no ws ping API) detect half-open
   * sockets. It also carries a high-water mark, so a client can tell it lost the last events before a
   * quiet spell: staff `cursor` (the site's newest cursor this server knows), visitors `seqs` (per
   * conversation, the newest seq this connection was sent). Holding less means a hole: events.fetch.
   */
  | { type: 'heartbeat'; t: number; cursor?: number; seqs?: Record<string, number> };
