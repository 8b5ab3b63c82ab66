import * as shared from '../rows.ts';
import { bool } from './db.ts';

/**
 * Rows as SQLite returns them: JSON columns as text, booleans as 0/1. The mapping to records is
 * shared with PostgreSQL (../rows.ts); SQLite's own columns are added here.
 */
export type SqliteEncoding = { json: string; bool: number };

export type SiteRow = shared.SiteRow<SqliteEncoding>;
export type VisitorRow = shared.VisitorRow<SqliteEncoding>;
export type { AttachmentRow, CannedRow, StaffRow, StaffSessionRow } from '../rows.ts';

export interface MessageRow extends shared.MessageRow<SqliteEncoding> {
  pk: number;
  /** Site-wide cursor of its message.created event (see migration 3). */
  cursor: number | null;
}

export interface ConversationRow extends shared.ConversationRow {
  /** Live (not deleted) visitor messages: unread counts subtract read_cursors.visitor_read from it. */
  visitor_messages: number;
}

export const { toSite, toStaff, toVisitor, toMessage, toAttachment, toCanned, toStaffSession } = shared.rowMappers<SqliteEncoding>({
  json: (v) => JSON.parse(v),
  bool,
});
