import { newId } from './ids.ts';
import type { EmailNotifyRow, NewOutboxEmail, NotifyAudience, OutboxEmail, OutboxKind, OutboxStatus } from './email-records.ts';

/**
 * The email tables' rows and their records, shared by both dialects. `headers` is JSON: text on
 * SQLite, already parsed from JSONB on PostgreSQL, so the caller passes its decoder.
 */
export interface OutboxRow {
  id: string;
  site_id: string;
  conversation_id: string | null;
  kind: string;
  dedupe_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: unknown;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export function toOutboxEmail(r: OutboxRow, json: (v: unknown) => Record<string, string>): OutboxEmail {
  return {
    id: r.id,
    siteId: r.site_id,
    conversationId: r.conversation_id,
    kind: r.kind as OutboxKind,
    dedupeKey: r.dedupe_key,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    headers: json(r.headers),
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The column values of a new outbox row, in OUTBOX_INSERT_COLUMNS order. */
export const OUTBOX_INSERT_COLUMNS =
  'id, site_id, conversation_id, kind, dedupe_key, to_address, subject, text_body, html_body, headers, status, attempts, next_attempt_at, created_at';
export function outboxValues(e: NewOutboxEmail): unknown[] {
  return [
    e.id ?? newId('eml'),
    e.siteId,
    e.conversationId,
    e.kind,
    e.dedupeKey,
    e.to,
    e.subject,
    e.text,
    e.html,
    JSON.stringify(e.headers),
    'queued',
    0,
    e.at,
    e.at,
  ];
}

export interface NotifyRow {
  site_id: string;
  conversation_id: string;
  audience: string;
  pending_seq: number;
  notified_seq: number;
  due_at: number | null;
}

export const toNotify = (r: NotifyRow): EmailNotifyRow => ({
  siteId: r.site_id,
  conversationId: r.conversation_id,
  audience: r.audience as NotifyAudience,
  pendingSeq: r.pending_seq,
  notifiedSeq: r.notified_seq,
  dueAt: r.due_at,
});

/** What an attempt's error looks like in the outbox: one line, bounded. */
export const errorText = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, 500);
