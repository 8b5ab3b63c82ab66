import type { Visitor } from '../../protocol/index.ts';

/**
 * The Store's privacy part (issue 20): finding everything about one person for an access request
 * (export) and an erasure request. Run on every implementation by privacy.suite.ts.
 */
export interface PrivacyStore {
  /**
   * The site's visitors with this email, compared without case: one person may be several visitor
   * records (anonymous visitors who left the address on the offline card, and the identified one).
   */
  findVisitorsByEmail(siteId: string, email: string): Promise<Visitor[]>;
  /**
   * Erases one visitor of the site in one transaction (GDPR art. 17): their messages' text, their files'
   * records, the search index entries, their conversations (or tombstones of them), read cursors, email
   * and webhook copies of their conversations, their address and the visitor record; the event log keeps
   * no text of theirs. SQLite also overwrites the freed pages and purges the index segments, so the text is
   * not left in the database file. Unknown visitor (or another site's): nothing happens, `visitorErased: false`.
   */
  eraseVisitor(input: EraseInput): Promise<EraseResult>;
  /**
   * Retention (site setting retentionDays): deletes up to `limit` conversations resolved at least that
   * many days before `now`, each in its own transaction that checks it again (a visitor's message may
   * have reopened it, another process may have deleted it), so several processes may sweep at once and
   * each conversation goes once. Like an erasure of just that conversation: messages, files' records,
   * index entries, read cursors, email and webhook copies; the visitor record stays.
   */
  deleteExpiredConversations(now: number, limit: number): Promise<ExpiredConversation[]>;
}

/** A conversation retention deleted: its conversation.erased event and the files to unlink. */
export interface ExpiredConversation {
  siteId: string;
  visitorId: string;
  event: import('../../protocol/index.ts').DurableEvent;
  storagePaths: string[];
}

/** What eraseVisitor is asked to do (the domain checked the caller and found the visitor records). */
export interface EraseInput {
  siteId: string;
  visitorId: string;
  /**
   * Keep each conversation as a tombstone (site setting erasureTombstone: status, times, assignee and the
   * rating's score stay for reports; every text, file, name, address and the visitor's data go). Without:
   * the conversations are deleted.
   */
  tombstone: boolean;
  at: number;
  /** The staff member erasing: the visitor's pending erasure requests are marked confirmed by them. */
  by?: string;
}

export interface EraseResult {
  /** One conversation.erased per conversation (staff only), committed: dashboards drop what they show. */
  events: import('../../protocol/index.ts').DurableEvent[];
  /** Attachment files to unlink (their records are gone). */
  storagePaths: string[];
  /** Conversations erased, and whether the visitor record itself is gone (false when there was none). */
  conversations: number;
  visitorErased: boolean;
}
