import type Database from 'better-sqlite3';
import { pendingMigrations, type Migration } from '../migration.ts';
import { addressKey } from '../address-key.ts';

/**
 * SQLite's migrations (the rules: ../migration.ts). Each runs in its own transaction and is
 * recorded in schema_migrations, so migrate() is idempotent and resumable.
 */
export type { Migration } from '../migration.ts';

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: /* sql */ `
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL,          -- JSON array of origins
  identity_secret TEXT NOT NULL,
  settings TEXT NOT NULL,                 -- JSON SiteSettings
  created_at INTEGER NOT NULL
);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  password_hash TEXT NOT NULL,
  availability TEXT NOT NULL DEFAULT 'offline',
  created_at INTEGER NOT NULL,
  UNIQUE (site_id, email)
);
CREATE INDEX staff_by_email ON staff(email);

CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE visitors (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  external_id TEXT,
  identified INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  email TEXT,
  email_verified INTEGER,
  label TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '{}',     -- JSON VisitorContext
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  merged_into TEXT                        -- set when an anonymous visitor was merged into an identified one
);
CREATE UNIQUE INDEX visitors_by_external_id ON visitors(site_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  visitor_id TEXT NOT NULL REFERENCES visitors(id),
  status TEXT NOT NULL,
  assignee_id TEXT,
  snoozed_until INTEGER,
  last_seq INTEGER NOT NULL DEFAULT 0,          -- highest event seq (gap-free counter)
  last_message_seq INTEGER NOT NULL DEFAULT 0,  -- highest seq that is a message (read cursors clamp to it)
  last_visitor_seq INTEGER NOT NULL DEFAULT 0,  -- highest visitor message seq (cheap unread pre-filter)
  last_activity_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX conversations_by_visitor ON conversations(visitor_id, last_activity_at);
CREATE INDEX conversations_inbox ON conversations(site_id, last_activity_at DESC, id DESC);
CREATE INDEX conversations_inbox_status ON conversations(site_id, status, last_activity_at DESC, id DESC);
CREATE INDEX conversations_inbox_assignee ON conversations(site_id, assignee_id, last_activity_at DESC, id DESC);

CREATE TABLE messages (
  pk INTEGER PRIMARY KEY,                 -- stable rowid for the FTS external content (VACUUM keeps it)
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('visitor', 'staff')),
  author_id TEXT NOT NULL,
  author_name TEXT,
  text TEXT NOT NULL,
  attachments TEXT NOT NULL DEFAULT '[]', -- JSON Attachment[] snapshot taken at send time
  note INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (site_id, author_kind, author_id, client_id)   -- idempotent resend
);

CREATE TABLE events (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT, -- site-wide resume cursor; AUTOINCREMENT never reuses ids
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,                    -- the DurableEvent as JSON (its cursor is the column)
  visitor_visible INTEGER NOT NULL,         -- 0 for notes and their deletions
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq)
);
CREATE INDEX events_by_site ON events(site_id, cursor);

CREATE TABLE read_cursors (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  reader_kind TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, reader_kind, reader_id)
) WITHOUT ROWID;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  conversation_id TEXT,
  message_id TEXT,
  uploader_kind TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  storage_path TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE canned_responses (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (site_id, shortcut)
);

-- Full-text search over message text. External content: the text lives once, in messages.
-- Triggers keep the index in sync; deleted messages leave the index.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  text, content='messages', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.deleted = 0 BEGIN
  INSERT INTO messages_fts(rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, deleted ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) SELECT 'delete', old.pk, old.text WHERE old.deleted = 0;
  INSERT INTO messages_fts(rowid, text) SELECT new.pk, new.text WHERE new.deleted = 0;
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.deleted = 0 BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
`,
  },
  {
    version: 2,
    name: 'search index filled by the append batch, not per row',
    // appendMessage inserts every new message of a group commit into messages_fts with one
    // INSERT ... SELECT before COMMIT (append.ts finishBatch): same transaction, so search is never
    // behind a committed message, and no per-row trigger program. The update and delete triggers stay.
    sql: /* sql */ `DROP TRIGGER messages_fts_insert;`,
  },
  {
    version: 3,
    name: 'message.created lives in its message row',
    // A message.created event was a copy of its message (JSON in events.payload) plus an events row and
    // two index entries: the biggest part of each append. Now the message row is the event: it carries
    // its site-wide cursor, and replay reads messages and events side by side (events.ts). Cursors stay
    // one sequence: the events AUTOINCREMENT counter (sqlite_sequence), which the append batch moves
    // past the cursors it gives messages. A deleted message replays as its tombstone, as before.
    // conversations_by_visitor loses last_activity_at: a visitor has few conversations to sort, and
    // the column moves on every message, which cost a b-tree delete and insert per append.
    sql: /* sql */ `
ALTER TABLE messages ADD COLUMN cursor INTEGER;
UPDATE messages SET cursor = (SELECT e.cursor FROM events e
  WHERE e.conversation_id = messages.conversation_id AND e.seq = messages.seq AND e.kind = 'message.created');
DELETE FROM events WHERE kind = 'message.created';
CREATE INDEX messages_by_site_cursor ON messages(site_id, cursor);
INSERT INTO sqlite_sequence (name, seq) SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');
DROP INDEX conversations_by_visitor;
CREATE INDEX conversations_by_visitor ON conversations(visitor_id);
`,
  },
  {
    version: 4,
    name: 'unread counts from counters',
    // A staff member's unread count was COUNT(*) over every unread visitor message, per conversation,
    // on every recompute (after each visitor message): 27 ms for 200 conversations holding 40,000
    // unread messages. Now it is visitor_messages - visitor_read: live (not deleted) visitor messages
    // in the conversation, minus those at or below the reader's cursor. appendMessage, deleteMessage
    // and moveReadCursor keep both (unread.ts).
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN visitor_messages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE read_cursors ADD COLUMN visitor_read INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET visitor_messages = (SELECT COUNT(*) FROM messages m
  WHERE m.conversation_id = conversations.id AND m.author_kind = 'visitor' AND m.deleted = 0);
UPDATE read_cursors SET visitor_read = (SELECT COUNT(*) FROM messages m
  WHERE m.conversation_id = read_cursors.conversation_id AND m.seq <= read_cursors.seq AND m.author_kind = 'visitor' AND m.deleted = 0);
`,
  },
  {
    version: 5,
    name: 'search index catches up after commits',
    // The append batch no longer indexes its messages (search-index.ts): the index follows within a
    // second, and readers catch it up first. indexed_upto is the highest messages.pk in the index.
    // The index now mirrors the content table exactly, deleted messages (empty text) included, so
    // FTS5's integrity-check can verify it: the deleted rows the old triggers left out go in here.
    // The triggers touch the index only for rows at or below indexed_upto: an FTS5 'delete' of a row
    // that was never indexed would corrupt the index. This relies on messages.pk growing: nothing
    // hard-deletes the newest messages today; whatever starts to (retention) must keep pks unique, or
    // lower indexed_upto below any pk it frees.
    sql: /* sql */ `
CREATE TABLE search_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_upto INTEGER NOT NULL
);
INSERT INTO search_index_state (id, indexed_upto) VALUES (1, COALESCE((SELECT MAX(pk) FROM messages), 0));
INSERT INTO messages_fts (rowid, text) SELECT pk, text FROM messages WHERE deleted = 1;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, deleted ON messages
WHEN old.pk <= (SELECT indexed_upto FROM search_index_state) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
  INSERT INTO messages_fts(rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.pk <= (SELECT indexed_upto FROM search_index_state) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
`,
  },
  {
    version: 6,
    name: 'unsent attachments are swept',
    // The attachment sweeper (server/attachments/sweeper.ts) looks for uploads never sent with a message.
    sql: /* sql */ `CREATE INDEX attachments_unsent ON attachments (created_at) WHERE message_id IS NULL;`,
  },
  {
    version: 7,
    name: 'dense cursor per site; previous visible seq on every event a visitor sees',
    // Receivers find holes and fill them from the store (server/feed/, client/), which needs a cursor
    // without gaps per site: cursors came from one counter shared by every site. Each site now has its
    // own counter (site_cursors), starting at the highest cursor it used, so cursors clients hold keep
    // their meaning; from here on they are dense. events.cursor stops being the rowid (two sites now
    // use the same numbers). prev_visible_seq (messages column; in the payload of events rows) lets a
    // visitor, who never sees staff notes, tell a note from a hole; conversations.last_visible_seq is
    // its counter. Rows from before carry none (receivers skip the check for them).
    sql: /* sql */ `
CREATE TABLE site_cursors (
  site_id TEXT PRIMARY KEY,
  last_cursor INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO site_cursors (site_id, last_cursor)
  SELECT s.id, MAX(COALESCE((SELECT MAX(cursor) FROM events e WHERE e.site_id = s.id), 0),
                   COALESCE((SELECT MAX(cursor) FROM messages m WHERE m.site_id = s.id), 0))
  FROM sites s;
CREATE TABLE site_events (
  pk INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  visitor_visible INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (site_id, cursor)
);
INSERT INTO site_events (pk, site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at)
  SELECT cursor, site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at FROM events;
DROP TABLE events;
ALTER TABLE site_events RENAME TO events;
DELETE FROM sqlite_sequence WHERE name = 'events';
DROP INDEX messages_by_site_cursor;
CREATE UNIQUE INDEX messages_by_site_cursor ON messages (site_id, cursor);
ALTER TABLE messages ADD COLUMN prev_visible_seq INTEGER;
ALTER TABLE conversations ADD COLUMN last_visible_seq INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET last_visible_seq = MAX(
  COALESCE((SELECT MAX(seq) FROM messages m WHERE m.conversation_id = conversations.id AND m.note = 0), 0),
  COALESCE((SELECT MAX(seq) FROM events e WHERE e.conversation_id = conversations.id AND e.visitor_visible = 1), 0));
`,
  },
  {
    version: 8,
    name: 'email: outbox, notification state, opt-outs, event-log followers',
    // server/email/. The outbox holds every email rendered, until it is sent (or fails for good); a
    // sender claims rows with a lease, so a crash re-sends after the lease and two processes never
    // send one row at once. email_notify is, per conversation and audience, what may be unseen and
    // when to look. log_followers keeps each follower's cursor per site; the 'email' follower starts
    // at the existing sites' newest cursors, so an upgrade does not email about old conversations.
    sql: /* sql */ `
CREATE TABLE email_outbox (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  conversation_id TEXT,
  kind TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  headers TEXT NOT NULL,                  -- JSON object
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX email_outbox_by_site ON email_outbox (site_id, created_at DESC, id DESC);

CREATE TABLE email_notify (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('visitor', 'staff')),
  site_id TEXT NOT NULL,
  pending_seq INTEGER NOT NULL DEFAULT 0,
  notified_seq INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER,
  PRIMARY KEY (conversation_id, audience)
) WITHOUT ROWID;
CREATE INDEX email_notify_due ON email_notify (due_at) WHERE due_at IS NOT NULL;

CREATE TABLE email_optouts (
  kind TEXT NOT NULL CHECK (kind IN ('visitor', 'staff')),
  id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE log_followers (
  name TEXT NOT NULL,
  site_id TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  PRIMARY KEY (name, site_id)
) WITHOUT ROWID;
INSERT INTO log_followers (name, site_id, cursor) SELECT 'email', site_id, last_cursor FROM site_cursors;
`,
  },
  {
    version: 9,
    name: 'api tokens',
    // server/apitokens/: a site's named tokens with scopes; only the secret's SHA-256 is kept.
    sql: /* sql */ `
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_by_site ON api_tokens (site_id, created_at);
`,
  },
  {
    version: 10,
    name: 'webhooks: endpoints and deliveries',
    // server/webhooks/: endpoints per site; deliveries made from the event log, claimed with a lease. The
    // 'webhooks' log follower starts at each existing site's newest cursor: an upgrade delivers nothing old.
    sql: /* sql */ `
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  events TEXT NOT NULL,
  include_notes INTEGER NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  event_cursor INTEGER,
  body TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
INSERT INTO log_followers (name, site_id, cursor) SELECT 'webhooks', site_id, last_cursor FROM site_cursors;
`,
  },
  {
    version: 11,
    name: 'conversations: resolved_at',
    // When a conversation was resolved (NULL while it is not): a visitor's message within the site's
    // reopen window reopens it, later it starts a new conversation (server/domain/send-target.ts).
    // Conversations resolved before this migration get the time of their last resolve event.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;
UPDATE conversations SET resolved_at = (
  SELECT MAX(e.created_at) FROM events e WHERE e.conversation_id = conversations.id AND e.kind = 'conversation.updated'
    AND json_extract(e.payload, '$.changes.status') = 'resolved')
WHERE status = 'resolved';
`,
  },
  {
    version: 12,
    name: 'conversations: snooze, rating, priority, labels',
    // snoozed_by: who snoozed it (the wake's event names them); the partial index is what the snooze
    // waker reads every second, so it costs nothing when nothing is snoozed. The rating is the
    // visitor's CSAT (rated_at: first given, which bounds how long it may change). priority is a
    // rank (none 0 .. urgent 4) so the inbox sorts by the column; labels a sorted JSON array.
    // resolved_by (who resolved it, while resolved_at is set) and the by_created / by_rating /
    // by_resolved indexes are what reports read (sqlite/reports.ts): each query walks one over its range.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN snoozed_by TEXT;
ALTER TABLE conversations ADD COLUMN rating_score INTEGER;
ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
ALTER TABLE conversations ADD COLUMN rated_at INTEGER;
ALTER TABLE conversations ADD COLUMN rating_changed_at INTEGER;
ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
CREATE INDEX conversations_snoozed ON conversations(snoozed_until) WHERE status = 'snoozed';
CREATE INDEX conversations_inbox_priority ON conversations(site_id, priority DESC, last_activity_at DESC, id DESC);
CREATE INDEX conversations_by_created ON conversations(site_id, created_at);
CREATE INDEX conversations_by_rating ON conversations(site_id, rating_changed_at) WHERE rating_changed_at IS NOT NULL;
ALTER TABLE conversations ADD COLUMN resolved_by TEXT;
UPDATE conversations SET resolved_by = (
  SELECT json_extract(e.payload, '$.by.id') FROM events e WHERE e.conversation_id = conversations.id AND e.kind = 'conversation.updated'
    AND json_extract(e.payload, '$.changes.status') = 'resolved' ORDER BY e.seq DESC LIMIT 1)
WHERE status = 'resolved';
CREATE INDEX conversations_by_resolved ON conversations(site_id, resolved_at) WHERE resolved_at IS NOT NULL;
`,
  },
  {
    version: 13,
    name: 'upload quotas',
    // The upload quotas (server/attachments/quota.ts) count a site's or a visitor's unsent uploads and
    // those of the last day on every upload: both are index range scans, not a scan of every upload.
    sql: /* sql */ `
CREATE INDEX attachments_pending ON attachments (site_id, uploader_id) WHERE message_id IS NULL;
CREATE INDEX attachments_recent ON attachments (site_id, created_at);
`,
  },
  {
    version: 14,
    name: 'staff session activity',
    // The idle timeout (PARLEY_STAFF_IDLE_TIMEOUT): when the session was last used. Sessions from
    // before it have none and count as active until their next use records one.
    sql: /* sql */ `ALTER TABLE staff_sessions ADD COLUMN last_seen_at INTEGER;`,
  },
  {
    version: 15,
    name: 'blocks',
    // server/domain/blocks.ts: per-site blocks of a visitor or an address, and the address each visitor's
    // latest session came from (what "block their address" blocks; one row per visitor, overwritten).
    sql: /* sql */ `
CREATE TABLE blocks (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (site_id, kind, value)
);
CREATE TABLE visitor_addresses (
  visitor_id TEXT PRIMARY KEY REFERENCES visitors(id) ON DELETE CASCADE,
  ip TEXT NOT NULL,
  seen_at INTEGER NOT NULL
);
`,
  },
  {
    version: 16,
    name: 'widget sightings: where each site\'s widget was last seen',
    // The dashboard's installation check. One row per site and page origin, rewritten at most once a
    // minute per origin (domain/widget-sightings.ts), so a busy site costs a write a minute, not one a visit.
    sql: /* sql */ `
CREATE TABLE widget_sightings (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, origin)
) WITHOUT ROWID;
`,
  },
  {
    version: 17,
    name: 'team: deactivated members, password links (invitations and resets)',
    // A member an admin deactivated keeps their history but cannot sign in. An invitation or a reset is
    // a link with a random token; only its SHA-256 is stored, one live link per member, used once.
    sql: /* sql */ `
ALTER TABLE staff ADD COLUMN deactivated_at INTEGER;
CREATE TABLE password_tokens (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX password_tokens_by_staff ON password_tokens (staff_id);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
`,
  },
  {
    version: 18,
    name: 'one password per email: every membership of an email gets its oldest membership\'s password',
    // Login is by email and checks one hash (equal time, unambiguous); an email on several sites is one
    // person with memberships. Before, each site's row had its own password and the password picked the
    // site: from now on the password of their first membership opens all of them.
    sql: /* sql */ `
UPDATE staff SET password_hash = (
  SELECT s2.password_hash FROM staff s2 WHERE s2.email = staff.email ORDER BY s2.created_at, s2.id LIMIT 1
);
`,
  },
  {
    version: 19,
    name: 'identity secret rotation: the previous secret and when it stops',
    // Identity secret rotation with a grace period: the replaced secret still verifies user JWTs (and the
    // visitor sessions they opened) until previous_identity_until; after it, neither.
    sql: /* sql */ `
ALTER TABLE sites ADD COLUMN previous_identity_secret TEXT;
ALTER TABLE sites ADD COLUMN previous_identity_until INTEGER;
`,
  },
  {
    version: 20,
    name: 'automatic assignment: the queue, agents\' loads and turns',
    // server/domain/assignment/: the queue is the open, unassigned conversations oldest first (queued_at
    // when one was returned to it, else its creation); an agent's load is their open and pending
    // conversations; round robin reads each agent's last automatic assignment from assignment_turns.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN queued_at INTEGER;
CREATE INDEX conversations_queue ON conversations (site_id, created_at) WHERE status = 'open' AND assignee_id IS NULL;
CREATE INDEX conversations_load ON conversations (site_id, assignee_id) WHERE status IN ('open', 'pending') AND assignee_id IS NOT NULL;
CREATE TABLE assignment_turns (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  last_assigned_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, staff_id)
);
`,
  },
  {
    version: 21,
    name: 'notification center',
    // server/notifications/: per agent, the notifications the 'notifications' log follower makes from
    // the site's events, one per (agent, event cursor, kind) however often an event is handed over, and
    // each agent's preferences. The follower starts at the existing sites' newest cursors, so an upgrade
    // does not notify about old conversations.
    sql: /* sql */ `
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  detail TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  UNIQUE (staff_id, cursor, kind)
);
CREATE INDEX notifications_by_staff ON notifications (staff_id, id);
CREATE INDEX notifications_unread ON notifications (staff_id, conversation_id) WHERE read_at IS NULL;
CREATE TABLE notification_preferences (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  preferences TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX notification_preferences_by_site ON notification_preferences (site_id);
INSERT INTO log_followers (name, site_id, cursor) SELECT 'notifications', site_id, last_cursor FROM site_cursors;
`,
  },
  {
    version: 22,
    name: 'notifications: who rang, waiting alerts',
    // One of an agent's tabs and devices plays the sound and shows the desktop notification: the first
    // to claim it (server/notifications/), by a conditional update of rung_at. waiting_alerts: per
    // conversation, the first unanswered visitor message (seq) a conversation.waiting was written for,
    // so each unanswered run alerts once whichever process sweeps (server/domain/waiting-sweeper.ts).
    // notifications_by_created: what PARLEY_NOTIFY_KEEP_DAYS removes.
    sql: /* sql */ `
ALTER TABLE notifications ADD COLUMN rung_at INTEGER;
CREATE INDEX notifications_by_created ON notifications (created_at);
CREATE TABLE waiting_alerts (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  since_seq INTEGER NOT NULL,
  at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 23,
    name: 'privacy: visitors\' erasure requests',
    // A visitor asks from the widget, an admin confirms (the erasure) or declines: one pending request
    // per visitor at most (the partial unique index). No foreign key to visitors: a confirmed request
    // outlives the visitor it erased (the record that the request was carried out, with no data of theirs).
    sql: /* sql */ `
CREATE TABLE erasure_requests (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  visitor_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
  requested_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by TEXT
);
CREATE UNIQUE INDEX erasure_requests_pending ON erasure_requests (visitor_id) WHERE status = 'pending';
CREATE INDEX erasure_requests_by_site ON erasure_requests (site_id, status, requested_at);
CREATE INDEX erasure_requests_by_visitor ON erasure_requests (visitor_id, requested_at);
`,
  },
  {
    version: 24,
    name: 'reports: first reply on the conversation, covering indexes',
    // Reports (sqlite/reports.ts) read a year of a site's conversations. The first staff reply was a
    // correlated seek into messages per conversation, reading message rows until the first staff one
    // (1.5 s of a year's report at 100,000 conversations): it is now kept on the conversation when it
    // is written (append.ts; notes do not count, a later delete does not undo it) and backfilled here.
    // The three report indexes carry every column their query reads, so none touches the table.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN first_reply_at INTEGER;
ALTER TABLE conversations ADD COLUMN first_reply_by TEXT;
UPDATE conversations SET (first_reply_at, first_reply_by) = (
  SELECT m.created_at, m.author_id FROM messages m
  WHERE m.conversation_id = conversations.id AND m.author_kind = 'staff' AND m.note = 0 ORDER BY m.seq LIMIT 1);
DROP INDEX conversations_by_created;
CREATE INDEX conversations_by_created ON conversations(site_id, created_at, first_reply_at, first_reply_by);
DROP INDEX conversations_by_resolved;
CREATE INDEX conversations_by_resolved ON conversations(site_id, resolved_at, created_at, resolved_by) WHERE resolved_at IS NOT NULL;
DROP INDEX conversations_by_rating;
CREATE INDEX conversations_by_rating ON conversations(site_id, rating_changed_at, rating_score, assignee_id) WHERE rating_changed_at IS NOT NULL;
`,
  },
  {
    version: 25,
    name: 'server owners: who may create sites, stored',
    // Who may create sites was derived as the oldest admin of any site, so removing or demoting that admin
    // handed it to the next-oldest (maybe another tenant's), and deactivating them left nobody. Now it is
    // a list of emails (people, not memberships): the first admin made on a server is put on it
    // (createStaff), an owner adds or removes owners, and the last one cannot be removed. The server
    // owner as derived until now is kept.
    sql: /* sql */ `
CREATE TABLE server_owners (
  email TEXT PRIMARY KEY,
  since INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO server_owners (email, since) SELECT lower(email), created_at FROM staff WHERE role = 'admin' ORDER BY created_at, id LIMIT 1;
`,
  },
  {
    version: 26,
    name: 'automatic assignment: agents away, durably',
    // Since when an agent holding conversations has been seen away or offline (server/domain/assignment/):
    // kept here, not in a process's memory, so a restart or another process counts on from the same
    // moment, and what waits on them goes back to the queue once, after the site's awayTimeoutMinutes.
    sql: /* sql */ `
CREATE TABLE staff_away (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  since INTEGER NOT NULL,
  PRIMARY KEY (site_id, staff_id)
) WITHOUT ROWID;
`,
  },  {
    version: 27,
    name: 'teams: agents grouped, conversations routed to a team',
    // A conversation's team decides who automatic assignment may give it to (server/domain/teams/).
    // Deleting a team leaves its conversations without one (any agent), never deletes them.
    sql: /* sql */ `
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX teams_site_name ON teams (site_id, lower(name));
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX team_members_staff ON team_members (staff_id);
ALTER TABLE conversations ADD COLUMN team_id TEXT REFERENCES teams(id) ON DELETE SET NULL;
`,
  },
  {
    version: 28,
    name: 'email suppression by address',
    // An unsubscribe was kept per visitor id only: the same address typed on another device (a new
    // visitor) was emailed again. The address's hash (address-key.ts) is kept too, and survives the
    // visitor's erasure. Earlier opt-outs bring their visitor's address along.
    sql: /* sql */ `
CREATE TABLE email_address_optouts (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  address_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, address_key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO email_address_optouts (site_id, address_key, created_at)
  SELECT v.site_id, parley_address_key(v.email), o.created_at FROM email_optouts o JOIN visitors v ON v.id = o.id
  WHERE o.kind = 'visitor' AND v.email IS NOT NULL AND v.email <> '';
`,
  },
  {
    version: 29,
    name: 'inbox indexes: only one moves with each message',
    // last_activity_at moves on every message, and each index holding it cost a b-tree delete and
    // insert per message: the status, assignee and priority inbox indexes were 10 of a lone message's
    // 19 WAL pages (bench/findings.md #20). The unresolved conversations (the ones taking messages,
    // and few) are now found by status, assignee, priority and team without it and sorted per page;
    // the resolved ones (many, still) keep ordered indexes, partial, which a message into an
    // unresolved conversation does not touch. conversations_inbox keeps every conversation in order.
    // How each inbox view reads them: sqlite/inbox.ts.
    sql: /* sql */ `
DROP INDEX conversations_inbox_status;
DROP INDEX conversations_inbox_assignee;
DROP INDEX conversations_inbox_priority;
CREATE INDEX conversations_unresolved ON conversations (site_id, status, assignee_id, priority, team_id) WHERE status <> 'resolved';
CREATE INDEX conversations_resolved ON conversations (site_id, last_activity_at DESC, id DESC) WHERE status = 'resolved';
CREATE INDEX conversations_resolved_assignee ON conversations (site_id, assignee_id, last_activity_at DESC, id DESC) WHERE status = 'resolved';
CREATE INDEX conversations_resolved_priority ON conversations (site_id, priority DESC, last_activity_at DESC, id DESC) WHERE status = 'resolved';
`,
  },
  {
    version: 30,
    name: 'search: visitors by name and email',
    // Agents search the inbox for a visitor's name or address (search.ts). visitors has no integer
    // key, and its implicit rowids may change on VACUUM, so the index's rowids come from
    // visitor_search_keys (an INTEGER PRIMARY KEY keeps its values). Erasure deletes the visitor
    // row: the delete trigger takes the name and address out of the index with it, and FTS5's
    // secure-delete removes the terms from the index's pages at once (no 'optimize' of the whole
    // index per erasure; the freed bytes are zeroed by secure_delete, open.ts).
    sql: /* sql */ `
CREATE TABLE visitor_search_keys (
  pk INTEGER PRIMARY KEY,
  visitor_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE visitors_fts USING fts5(name, email);
INSERT INTO visitors_fts (visitors_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO visitor_search_keys (visitor_id) SELECT id FROM visitors;
INSERT INTO visitors_fts (rowid, name, email)
  SELECT k.pk, v.name, v.email FROM visitor_search_keys k JOIN visitors v ON v.id = k.visitor_id;
CREATE TRIGGER visitors_fts_insert AFTER INSERT ON visitors BEGIN
  INSERT INTO visitor_search_keys (visitor_id) VALUES (new.id);
  INSERT INTO visitors_fts (rowid, name, email) VALUES (last_insert_rowid(), new.name, new.email);
END;
CREATE TRIGGER visitors_fts_update AFTER UPDATE OF name, email ON visitors
WHEN old.name IS NOT new.name OR old.email IS NOT new.email BEGIN
  UPDATE visitors_fts SET name = new.name, email = new.email
  WHERE rowid = (SELECT pk FROM visitor_search_keys WHERE visitor_id = new.id);
END;
CREATE TRIGGER visitors_fts_delete AFTER DELETE ON visitors BEGIN
  DELETE FROM visitors_fts WHERE rowid = (SELECT pk FROM visitor_search_keys WHERE visitor_id = old.id);
  DELETE FROM visitor_search_keys WHERE visitor_id = old.id;
END;
`,
  },
];

/** Applies every migration not yet recorded. Returns the versions it applied (empty when up to date). */
export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version);
  const applied: number[] = [];
  // For migrations that key data the way the code does (28: an address's hash).
  db.function('parley_address_key', { deterministic: true }, (email: unknown) => addressKey(String(email)));
  for (const m of pendingMigrations(migrations, done)) {
    // IMMEDIATE: take the write lock first, so two processes starting at once cannot both apply it.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (again) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}
