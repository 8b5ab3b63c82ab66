/**
 * What the store keeps for email (server/email/): the outbox, the notification state per conversation,
 * opt-outs, and the cursors of event-log followers. Every method is part of the Store interface and of
 * the shared suite (email.suite.ts), so SQLite and PostgreSQL behave the same.
 *
 * Leases: a row that one process is working on carries `leaseOwner` and `leaseUntil`. Another process
 * takes it only once the lease has run out (its owner crashed or hung), and a write that settles the
 * row checks the owner, so a process whose lease was taken over cannot overwrite the new owner's work.
 */
export type OutboxKind = 'visitor.reply' | 'agent.unseen' | 'transcript' | 'transcript.confirm';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];

/** One email, rendered when it is queued: a retry sends the same bytes with the same Message-ID. */
export interface NewOutboxEmail {
  id?: string;
  siteId: string;
  conversationId: string | null;
  kind: OutboxKind;
  /** Unique over the outbox: queuing an email whose key is already there queues nothing. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID, In-Reply-To, References, Reply-To, List-Unsubscribe, ... */
  headers: Record<string, string>;
  at: number;
}

export interface OutboxEmail extends Required<Omit<NewOutboxEmail, 'at'>> {
  status: OutboxStatus;
  /** Delivery attempts started (a claim counts one). */
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** How a delivery attempt ended. */
export type OutboxOutcome =
  | { status: 'sent'; at: number }
  | { status: 'queued'; retryAt: number; error: string }
  | { status: 'failed'; error: string; at: number };

export interface OutboxQuery {
  siteId: string;
  status?: OutboxStatus;
  /** Newest first; `before` is the `createdAt:id` of the last item of the previous page. */
  before?: { createdAt: number; id: string } | null;
  limit: number;
}

/** Who a notification is for: the conversation's visitor, or its agents. */
export type NotifyAudience = 'visitor' | 'staff';

/**
 * A conversation's notification state for one audience. `pendingSeq` is the newest message the
 * audience may not have seen; `notifiedSeq` how far emails (or reads found in time) have covered it;
 * `dueAt` when to look again (null: nothing pending).
 */
export interface EmailNotifyRow {
  siteId: string;
  conversationId: string;
  audience: NotifyAudience;
  pendingSeq: number;
  notifiedSeq: number;
  dueAt: number | null;
}

export interface EmailStore {
  /** Queues emails; those whose dedupeKey is already in the outbox are skipped. Answers how many were queued. */
  enqueueEmails(emails: NewOutboxEmail[]): Promise<number>;
  /**
   * Takes up to `limit` emails that are due (queued with nextAttemptAt <= now) or whose sender's lease
   * ran out, for `owner` until now + leaseMs; each claim counts an attempt. An email is claimed by one
   * owner at a time, however many processes claim at once.
   */
  claimOutbox(input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<OutboxEmail[]>;
  /** Records how an attempt ended; false (and nothing written) when `owner` no longer holds the email. */
  settleOutbox(input: { id: string; owner: string; outcome: OutboxOutcome }): Promise<boolean>;
  listOutbox(query: OutboxQuery): Promise<OutboxEmail[]>;
  getOutboxEmail(siteId: string, id: string): Promise<OutboxEmail | null>;
  /** A failed email of the site is queued again, due at once. False when there is no such failed email. */
  retryOutbox(input: { siteId: string; id: string; now: number }): Promise<boolean>;
  /** Deletes up to `limit` sent or failed emails created before `before`; answers how many. */
  purgeOutbox(before: number, limit: number): Promise<number>;

  /**
   * A message the audience should see arrived at `seq`: the state's pendingSeq grows to it, and dueAt
   * is set to `dueAt` when nothing was pending (the first unseen message starts the clock; later
   * ones wait with it, so one email covers them). Ignored when `seq` is already covered.
   */
  markEmailNotify(input: { siteId: string; conversationId: string; audience: NotifyAudience; seq: number; dueAt: number }): Promise<void>;
  /** Takes up to `limit` states due at `now` (and not leased by another owner) until now + leaseMs. */
  claimDueEmailNotify(input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<EmailNotifyRow[]>;
  /**
   * Settles a claimed state in one transaction: queues `emails`, covers everything up to `notifiedSeq`,
   * and sets the next due time (`nextDueAt`; when null and a message arrived meanwhile, due at `now`),
   * releasing the lease. False (and nothing written, no email queued) when `owner` lost the lease.
   */
  settleEmailNotify(input: {
    conversationId: string;
    audience: NotifyAudience;
    owner: string;
    notifiedSeq: number;
    nextDueAt: number | null;
    now: number;
    emails: NewOutboxEmail[];
  }): Promise<boolean>;
  getEmailNotify(conversationId: string, audience: NotifyAudience): Promise<EmailNotifyRow | null>;

  /**
   * A visitor (unsubscribe link) or a staff member (preference) stops or resumes getting notification
   * emails. `addressKey` (address-key.ts, a visitor's address) puts the address itself on, or takes it
   * off, the site's suppression list in the same transaction: the same person on another device, or after
   * an erasure, is not emailed again.
   */
  setEmailOptOut(input: { siteId: string; kind: 'visitor' | 'staff'; id: string; optedOut: boolean; at: number; addressKey?: string }): Promise<void>;
  /** Which of these ids have opted out. */
  emailOptedOut(kind: 'visitor' | 'staff', ids: string[]): Promise<Set<string>>;
  /** Whether the address (its addressKey) is on the site's suppression list. */
  emailAddressOptedOut(siteId: string, addressKey: string): Promise<boolean>;
}

/**
 * Durable cursors of event-log followers (server/eventlog/follower.ts): a named follower keeps, per
 * site, the cursor up to which it has handled the site's events, under a lease so that one process
 * at a time follows a site.
 */
export interface LogFollowerStore {
  /**
   * Takes (or renews) the lease on (name, site) for `owner` and answers the follower's cursor, or null
   * while another owner's lease runs. A site without a row yet starts at 0 (a new site's whole log);
   * the migration that introduces a follower seeds rows at the existing sites' newest cursors, so it
   * handles what happens from then on rather than the history.
   */
  claimLogFollower(input: { name: string; siteId: string; owner: string; now: number; leaseMs: number }): Promise<number | null>;
  /** Moves the cursor forward (never back) and renews the lease; false when `owner` no longer holds it. */
  saveLogFollower(input: { name: string; siteId: string; owner: string; cursor: number; now: number; leaseMs: number }): Promise<boolean>;
}
