import type { Notification, NotificationPreferences, NotificationState } from './notifications.ts';
import type { Actor, Team, Conversation, ConversationStatus, Message, PresenceEntry, Priority, Rating, SitePublic, StaffAvailability, Visitor } from './model.ts';

/**
 * Durable events are stored with the conversation's next `seq` and the site's next `cursor`, and are
 * replayed on resume. Ephemeral events (typing, presence, unread) are never stored.
 *
 * Holes: `seq` is gap-free per conversation and `cursor` gap-free per site (staff see every event of
 * their site, so a cursor above the one they hold + 1 is a hole). A visitor does not see staff notes,
 * which take seqs too, so every event a visitor may see carries `prevVisibleSeq`: the seq of the
 * previous event of its conversation the visitor may see (0 for the first). A visitor holding seq N
 * who receives an event with `prevVisibleSeq` above N has a hole. Events the visitor may not see carry
 * no `prevVisibleSeq` (events stored before it existed carry none either: no check for those).
 */
interface Durable {
  conversationId: string;
  seq: number;
  cursor: number;
  prevVisibleSeq?: number;
}

export type DurableEvent =
  | (Durable & { kind: 'message.created'; message: Message })
  | (Durable & { kind: 'message.deleted'; messageId: string; by: Actor })
  | (Durable & { kind: 'read.moved'; reader: Actor; upTo: number })
  | (Durable & {
      kind: 'conversation.updated';
      conversation: Conversation;
      /** `snoozedUntil`: the time a snooze ends (with status snoozed, or a new time for one). */
      changes: { status?: ConversationStatus; assigneeId?: string | null; snoozedUntil?: number; teamId?: string | null };
      by: Actor;
      /** Display name of `by` at the time (staff name; the visitor's name or label): what a timeline shows. */
      byName?: string;
      /** Display name of the new assignee, when `changes.assigneeId` is a staff id. */
      assigneeName?: string;
      /** Name of the new team, when `changes.teamId` is a team id ("Alice moved this to Billing"). A change of team alone is staff only (no prevVisibleSeq). */
      teamName?: string;
      /** True when a snooze ended by itself at its time (`by` is who snoozed it). */
      woke?: true;
      /**
       * True when routing made the change, not a person: automatic assignment (`by` is the assignee), or
       * conversations returned to the queue because their agent was away too long (`by` is that agent).
       */
      auto?: true;
    })
  /** The visitor rated the conversation (or changed their rating). Visible to the visitor. */
  | (Durable & { kind: 'conversation.rated'; rating: Rating; conversation: Conversation; by: Actor; byName?: string })
  /** Staff changed priority or labels. Staff only (no prevVisibleSeq). `labels`: the whole set now. */
  | (Durable & {
      kind: 'conversation.triaged';
      priority: Priority;
      labels: string[];
      changes: { priority?: Priority; added?: string[]; removed?: string[] };
      by: Actor;
      byName?: string;
    })
  /**
   * An anonymous visitor identified themselves (the site's JWT): their conversations moved to the
   * identified visitor. Staff only (no prevVisibleSeq): "Blue Otter became Alice".
   */
  | (Durable & { kind: 'visitor.identified'; visitorId: string; fromLabel: string; name: string })
  /**
   * The conversation's oldest unanswered visitor message (sent at `since`) has waited longer than the
   * site's `waitingAlertMinutes`. Written once per unanswered run by whichever process sweeps first.
   * Staff only (no prevVisibleSeq): it notifies the assignee, or every agent while unassigned.
   */
  | (Durable & { kind: 'conversation.waiting'; conversation: Conversation; since: number; minutes: number })
  /** A conversation was created (first message). Staff get it so a new row appears in the inbox. */
  | (Durable & { kind: 'conversation.created'; conversation: Conversation })
  /**
   * The conversation's visitor was erased (privacy, issue 20): everything shown of it goes. With
   * `tombstone` the conversation is kept without its text, files or the visitor's data (for reports);
   * without, it is gone. Staff only; the last event of the conversation.
   */
  | (Durable & { kind: 'conversation.erased'; visitorId: string; tombstone: boolean });

export type EphemeralEvent =
  /** `name`: the actor's display name (staff name; visitor name, else their label), set when typing starts. */
  | { kind: 'typing'; conversationId: string; actor: Actor; name?: string; typing: boolean }
  | { kind: 'presence'; entry: PresenceEntry; conversationId?: string }
  /** Pushed to one staff member whenever their unread counts change. `total` is across the site. */
  | { kind: 'unread'; counts: Record<string, number>; total: number }
  /** Staff availability summary pushed to visitors ("online, replies in a few minutes"). */
  | { kind: 'availability'; status: StaffAvailability }
  /** The site's business hours opened or closed (or their schedule changed): pushed to visitors. */
  | { kind: 'hours'; hours: HoursState }
  /**
   * To a visitor: their conversation's place in the queue for automatic assignment (1: next);
   * 0 when it no longer waits (an agent has it).
   */
  | { kind: 'queue.position'; conversationId: string; position: number }
  /** To staff: how many conversations wait for an agent, oldest first (at most the first 100 ids). */
  | { kind: 'queue.changed'; waiting: number; conversationIds: string[] }
  /** To a site's visitors: whether every agent online is at capacity (see `AgentCapacity`). */
  | ({ kind: 'capacity' } & AgentCapacity)
  /**
   * A visitor's context (page, local time) or identity (name, email, identified) changed. Staff of the
   * site get it when the visitor has conversations. `conversationIds` are the visitor's conversations
   * now; after an identify merged an anonymous visitor they include the ones that were anonymous, so
   * rows still showing the old visitor can be matched by conversation.
   */
  | { kind: 'visitor.updated'; visitor: Visitor; conversationIds: string[] }
  /** To one agent (all their sockets, every process): a new notification of theirs, and their state after it. */
  | { kind: 'notification'; notification: Notification; state: NotificationState }
  /**
   * To one agent: some of their notifications were read (on any tab or device): those with `ids`, those
   * of `conversationId`, every one up to and with `upTo`, or `all`; `readAt` is when. `state` is after it.
   */
  | { kind: 'notifications.read'; ids?: string[]; conversationId?: string; upTo?: string; all?: true; readAt: number; state: NotificationState }
  /** To one agent: they changed their notification preferences (on any device). */
  | { kind: 'notifications.preferences'; preferences: NotificationPreferences }
  /**
   * An admin changed the site's public face (name, settings): the widgets on its pages and its
   * staff apply it at once. A hint like the others: the site record is the truth, and every visitor
   * session and staff sign-in reads it afresh, so a lost one is corrected on the next page or reconnect.
   */
  | { kind: 'site.updated'; site: SitePublic }
  /**
   * To staff: the site's visitor erasure requests changed (one came in from a widget, or an admin
   * confirmed or declined one); `pending` is how many wait now. A hint: the list is read from
   * GET /api/v1/privacy/erasure-requests (also after a reconnect, since one may have been missed).
   */
  | { kind: 'erasure.requests'; pending: number }
  /** To the site's staff: its teams changed (created, renamed, members, deleted); `teams` is the whole list now. */
  | { kind: 'teams.changed'; teams: Team[] }
  /**
   * Server-internal, never sent to a client: one of a staff member's sessions ended (logout elsewhere,
   * password change, deactivation, "sign out everywhere"). Each of their sockets rechecks its own
   * session row at once and closes (4011) if it is gone, instead of at the next heartbeat.
   */
  | { kind: 'session.revoked' };

export type ServerEvent = DurableEvent | EphemeralEvent;

/**
 * Whether the site is within its business hours now. `until`: when that next changes (it closes,
 * or it opens: "back Monday 9:00"); absent when it never does (no hours set, or no opening ahead).
 */
export interface HoursState {
  open: boolean;
  until?: number;
}

/**
 * Whether agents are online but none can take a new conversation: automatic assignment is on and every
 * online agent holds their capacity, so a new conversation waits in the queue behind `waiting` others.
 * Visitors are told "all agents are busy" rather than "online".
 */
export interface AgentCapacity {
  full: boolean;
  waiting: number;
}

/** The durable events a conversation's timeline shows between its messages. */
export type TimelineEvent = Extract<DurableEvent, { kind: 'conversation.updated' | 'visitor.identified' | 'conversation.rated' | 'conversation.triaged' }>;
export const TIMELINE_KINDS: readonly TimelineEvent['kind'][] = ['conversation.updated', 'visitor.identified', 'conversation.rated', 'conversation.triaged'];
export type DurableEventKind = DurableEvent['kind'];

export function isDurable(e: ServerEvent): e is DurableEvent {
  return 'seq' in e && typeof (e as DurableEvent).seq === 'number';
}
