import type { ConversationStatus, Message, PresenceEntry, StaffAvailability, StaffMember, Visitor, VisitorContext, SitePublic } from './model.ts';
import type { ServerEvent } from './events.ts';
import type { ErrorCode } from './errors.ts';
import type { Limits } from './limits.ts';

/*
 * Frames are JSON text messages on /ws. Every client command carries `id` (a correlation id the
 * client picks, unique per connection) and gets exactly one `ack` or one `error` with that id.
 */

/** Where a reconnecting client says it is. */
export interface ResumePoint {
  /** Visitor: last seq held per conversation id. */
  conversations?: Record<string, number>;
  /** Staff: last site-wide cursor held. */
  cursor?: number;
}

export type ClientCommand =
  | { type: 'hello'; id: string; v: number; token: string; resume?: ResumePoint }
  | { type: 'ping'; id: string }
  | {
      type: 'message.send';
      id: string;
      /** Omitted by a visitor: their open conversation, created if none. Required for staff. */
      conversationId?: string;
      clientId: string;
      text: string;
      attachmentIds?: string[];
      /** Staff only: a private note the visitor never receives. */
      note?: boolean;
    }
  | { type: 'message.delete'; id: string; conversationId: string; messageId: string }
  | { type: 'read'; id: string; conversationId: string; seq: number }
  | { type: 'typing'; id: string; conversationId: string; typing: boolean }
  | { type: 'conversation.update'; id: string; conversationId: string; status?: ConversationStatus; assigneeId?: string | null }
  | { type: 'presence.set'; id: string; status: StaffAvailability }
  /** Who is online: in one conversation (visitor and staff), or across the site (staff). */
  | { type: 'presence.query'; id: string; conversationId?: string }
  | { type: 'context.update'; id: string; context: ContextUpdate };

/**
 * What context.update carries: the page context, plus optionally the email the visitor typed in the
 * pre-chat form. The email is stored on the Visitor (emailVerified false), never in its context, and
 * never replaces an email verified by the site's identity JWT. Absent means unchanged.
 */
export interface ContextUpdate extends VisitorContext {
  email?: string;
}

export type ClientCommandType = ClientCommand['type'];

/** Results carried by `ack`, per command type. */
export interface AckResults {
  hello: HelloResult;
  ping: { t: number };
  'message.send': { messageId: string; conversationId: string; seq: number; createdAt: number; message: Message };
  'message.delete': { seq: number };
  read: { seq: number };
  typing: Record<string, never>;
  'conversation.update': { seq: number };
  'presence.set': { status: StaffAvailability };
  'presence.query': { entries: PresenceEntry[] };
  'context.update': Record<string, never>;
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
}

export type ServerFrame =
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'error'; id?: string; code: ErrorCode; message: string }
  | { type: 'event'; event: ServerEvent }
  /** App-level heartbeat, every limits.heartbeatMs, so browsers (no ws ping API) detect half-open sockets. */
  | { type: 'heartbeat'; t: number };
