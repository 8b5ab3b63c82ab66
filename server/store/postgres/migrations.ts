import type pg from 'pg';
import { pendingMigrations, type Migration } from '../migration.ts';
import { APPEND_FUNCTION } from './append-function.ts';
import { tx } from './db.ts';

/** PostgreSQL's migrations (the rules: ../migration.ts). */
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
  allowed_origins JSONB NOT NULL,
  identity_secret TEXT NOT NULL,
  settings JSONB NOT NULL,
  created_at BIGINT NOT NULL
);
-- One row per site: the site-wide event cursor. Taking the next cursor is an UPDATE of this row, which
-- locks it until COMMIT, so event writers of one site are serialized and a cursor is never visible
-- before a smaller one (a plain SEQUENCE hands out ids at insert time, and a transaction holding a
-- lower id can commit after one holding a higher id: a resuming client would skip it forever).
CREATE TABLE event_counters (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  last_cursor BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
  password_hash TEXT NOT NULL,
  availability TEXT NOT NULL DEFAULT 'offline',
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX staff_site_email ON staff (site_id, lower(email));
CREATE INDEX staff_by_email ON staff (lower(email));
CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE visitors (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  external_id TEXT,
  identified BOOLEAN NOT NULL DEFAULT false,
  name TEXT,
  email TEXT,
  email_verified BOOLEAN,
  label TEXT NOT NULL,
  context JSONB NOT NULL DEFAULT '{}',
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  merged_into TEXT
);
CREATE UNIQUE INDEX visitors_by_external_id ON visitors (site_id, external_id) WHERE external_id IS NOT NULL;
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  visitor_id TEXT NOT NULL REFERENCES visitors(id),
  status TEXT NOT NULL,
  assignee_id TEXT,
  snoozed_until BIGINT,
  last_seq BIGINT NOT NULL DEFAULT 0,
  last_message_seq BIGINT NOT NULL DEFAULT 0,
  last_visitor_seq BIGINT NOT NULL DEFAULT 0,
  last_activity_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX conversations_by_visitor ON conversations (visitor_id, last_activity_at);
CREATE INDEX conversations_inbox ON conversations (site_id, last_activity_at DESC, id DESC);
CREATE INDEX conversations_inbox_status ON conversations (site_id, status, last_activity_at DESC, id DESC);
CREATE INDEX conversations_inbox_assignee ON conversations (site_id, assignee_id, last_activity_at DESC, id DESC);
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('visitor', 'staff')),
  author_id TEXT NOT NULL,
  author_name TEXT,
  text TEXT NOT NULL,
  attachments JSONB NOT NULL DEFAULT '[]',
  note BOOLEAN NOT NULL DEFAULT false,
  deleted BOOLEAN NOT NULL DEFAULT false,
  created_at BIGINT NOT NULL,
  text_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
  UNIQUE (conversation_id, seq),
  UNIQUE (site_id, author_kind, author_id, client_id)
);
CREATE INDEX messages_fts ON messages USING GIN (text_tsv);
CREATE TABLE events (
  site_id TEXT NOT NULL,
  cursor BIGINT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  payload JSONB NOT NULL,
  visitor_visible BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, cursor),
  UNIQUE (conversation_id, seq)
);
CREATE TABLE read_cursors (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  reader_kind TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, reader_kind, reader_id)
);
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  conversation_id TEXT,
  message_id TEXT,
  uploader_kind TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  name TEXT NOT NULL,
  size BIGINT NOT NULL,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  storage_path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE canned_responses (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (site_id, shortcut)
);
`,
  },
  {
    version: 2,
    name: 'unsent attachments are swept',
    // The attachment sweeper (server/attachments/sweeper.ts) looks for uploads never sent with a message.
    sql: /* sql */ `CREATE INDEX attachments_unsent ON attachments (created_at) WHERE message_id IS NULL;`,
  },
  {
    version: 3,
    name: 'message.created lives in its message row; previous visible seq; one round trip per group commit',
    // As on SQLite (its migration 3): a message.created event was a JSON copy of its message in events;
    // now the message row is the event (messages.cursor), which halves what an append writes.
    // prev_visible_seq (messages column, and in the payload of events rows) lets a visitor, who never
    // sees staff notes, tell a note from a hole; conversations.last_visible_seq is its counter. Rows
    // from before carry none.
    sql: /* sql */ `
ALTER TABLE messages ADD COLUMN cursor BIGINT;
ALTER TABLE messages ADD COLUMN prev_visible_seq BIGINT;
UPDATE messages m SET cursor = e.cursor FROM events e
  WHERE e.conversation_id = m.conversation_id AND e.seq = m.seq AND e.kind = 'message.created';
DELETE FROM events WHERE kind = 'message.created';
CREATE UNIQUE INDEX messages_by_site_cursor ON messages (site_id, cursor);
ALTER TABLE conversations ADD COLUMN last_visible_seq BIGINT NOT NULL DEFAULT 0;
UPDATE conversations c SET last_visible_seq = GREATEST(
  COALESCE((SELECT MAX(seq) FROM messages m WHERE m.conversation_id = c.id AND NOT m.note), 0),
  COALESCE((SELECT MAX(seq) FROM events e WHERE e.conversation_id = c.id AND e.visitor_visible), 0));
`,
  },
  {
    version: 4,
    name: 'email: outbox, notification state, opt-outs, event-log followers',
    // The same tables as SQLite's migration 8 (see there). The 'email' follower starts at each existing
    // site's newest cursor (event_counters), so an upgrade does not email about old conversations.
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
  headers JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX email_outbox_by_site ON email_outbox (site_id, created_at DESC, id DESC);
CREATE TABLE email_notify (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('visitor', 'staff')),
  site_id TEXT NOT NULL,
  pending_seq BIGINT NOT NULL DEFAULT 0,
  notified_seq BIGINT NOT NULL DEFAULT 0,
  due_at BIGINT,
  lease_owner TEXT,
  lease_until BIGINT,
  PRIMARY KEY (conversation_id, audience)
);
CREATE INDEX email_notify_due ON email_notify (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE email_optouts (
  kind TEXT NOT NULL CHECK (kind IN ('visitor', 'staff')),
  id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE log_followers (
  name TEXT NOT NULL,
  site_id TEXT NOT NULL,
  cursor BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  PRIMARY KEY (name, site_id)
);
INSERT INTO log_followers (name, site_id, cursor) SELECT 'email', site_id, last_cursor FROM event_counters;
`,
  },
  {
    version: 5,
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
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_by_site ON api_tokens (site_id, created_at);
`,
  },
  {
    version: 6,
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
  include_notes BOOLEAN NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  event_cursor BIGINT,
  body TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_status INTEGER,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
INSERT INTO log_followers (name, site_id, cursor) SELECT 'webhooks', site_id, last_cursor FROM event_counters;
`,
  },
  {
    version: 7,
    name: 'conversations: resolved_at',
    // As SQLite's migration 11 (see there).
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN resolved_at BIGINT;
UPDATE conversations c SET resolved_at = (
  SELECT MAX(e.created_at) FROM events e WHERE e.conversation_id = c.id AND e.kind = 'conversation.updated'
    AND e.payload->'changes'->>'status' = 'resolved')
WHERE status = 'resolved';
`,
  },
  {
    version: 8,
    name: 'conversations: snooze, rating, priority, labels',
    // As SQLite's migration 12 (see there); labels are JSONB, with a GIN index for the inbox's label filter.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN snoozed_by TEXT;
ALTER TABLE conversations ADD COLUMN rating_score INT;
ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
ALTER TABLE conversations ADD COLUMN rated_at BIGINT;
ALTER TABLE conversations ADD COLUMN rating_changed_at BIGINT;
ALTER TABLE conversations ADD COLUMN priority INT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN labels JSONB NOT NULL DEFAULT '[]';
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX conversations_inbox_priority ON conversations (site_id, priority DESC, last_activity_at DESC, id DESC);
CREATE INDEX conversations_labels ON conversations USING GIN (labels);
CREATE INDEX conversations_by_created ON conversations (site_id, created_at);
CREATE INDEX conversations_by_rating ON conversations (site_id, rating_changed_at) WHERE rating_changed_at IS NOT NULL;
ALTER TABLE conversations ADD COLUMN resolved_by TEXT;
UPDATE conversations c SET resolved_by = (
  SELECT e.payload->'by'->>'id' FROM events e WHERE e.conversation_id = c.id AND e.kind = 'conversation.updated'
    AND e.payload->'changes'->>'status' = 'resolved' ORDER BY e.seq DESC LIMIT 1)
WHERE status = 'resolved';
CREATE INDEX conversations_by_resolved ON conversations (site_id, resolved_at) WHERE resolved_at IS NOT NULL;
`,
  },
  {
    version: 9,
    name: 'upload quotas',
    // The upload quotas (server/attachments/quota.ts) count a site's or a visitor's unsent uploads and
    // those of the last day on every upload: both are index range scans, not a scan of every upload.
    sql: /* sql */ `
CREATE INDEX attachments_pending ON attachments (site_id, uploader_id) WHERE message_id IS NULL;
CREATE INDEX attachments_recent ON attachments (site_id, created_at);
`,
  },
  {
    version: 10,
    name: 'staff session activity',
    // The idle timeout (PARLEY_STAFF_IDLE_TIMEOUT): when the session was last used. Sessions from
    // before it have none and count as active until their next use records one.
    sql: /* sql */ `ALTER TABLE staff_sessions ADD COLUMN last_seen_at BIGINT;`,
  },
  {
    version: 11,
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
  created_at BIGINT NOT NULL,
  UNIQUE (site_id, kind, value)
);
CREATE TABLE visitor_addresses (
  visitor_id TEXT PRIMARY KEY REFERENCES visitors(id) ON DELETE CASCADE,
  ip TEXT NOT NULL,
  seen_at BIGINT NOT NULL
);
`,
  },
  {
    version: 12,
    name: 'widget sightings: where each site\'s widget was last seen',
    // The same table as SQLite's migration 16 (see there).
    sql: /* sql */ `
CREATE TABLE widget_sightings (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, origin)
);
`,
  },
  {
    version: 13,
    name: 'team: deactivated members, password links (invitations and resets)',
    // The same as SQLite's migration 17 (see there).
    sql: /* sql */ `
ALTER TABLE staff ADD COLUMN deactivated_at BIGINT;
CREATE TABLE password_tokens (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX password_tokens_by_staff ON password_tokens (staff_id);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
`,
  },
  {
    version: 14,
    name: 'one password per email: every membership of an email gets its oldest membership\'s password',
    // The same as SQLite's migration 18 (see there).
    sql: /* sql */ `
UPDATE staff s SET password_hash = (
  SELECT s2.password_hash FROM staff s2 WHERE lower(s2.email) = lower(s.email) ORDER BY s2.created_at, s2.id LIMIT 1
);
`,
  },
  {
    version: 15,
    name: 'identity secret rotation: the previous secret and when it stops',
    // The same as SQLite's migration 19 (see there).
    sql: /* sql */ `
ALTER TABLE sites ADD COLUMN previous_identity_secret TEXT;
ALTER TABLE sites ADD COLUMN previous_identity_until BIGINT;
`,
  },
  {
    version: 16,
    name: 'automatic assignment: the queue, agents\' loads and turns',
    // server/domain/assignment/: the queue is the open, unassigned conversations oldest first (queued_at
    // when one was returned to it, else its creation); an agent's load is their open and pending
    // conversations; round robin reads each agent's last automatic assignment from assignment_turns.
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN queued_at BIGINT;
CREATE INDEX conversations_queue ON conversations (site_id, created_at) WHERE status = 'open' AND assignee_id IS NULL;
CREATE INDEX conversations_load ON conversations (site_id, assignee_id) WHERE status IN ('open', 'pending') AND assignee_id IS NOT NULL;
CREATE TABLE assignment_turns (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  last_assigned_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, staff_id)
);
`,
  },
  {
    version: 17,
    name: 'notification center',
    // server/notifications/: per agent, the notifications the 'notifications' log follower makes from
    // the site's events, one per (agent, event cursor, kind) however often an event is handed over, and
    // each agent's preferences. The follower starts at the existing sites' newest cursors, so an upgrade
    // does not notify about old conversations. As SQLite's migration 21.
    sql: /* sql */ `
CREATE TABLE notifications (
  id TEXT COLLATE "C" PRIMARY KEY, -- ordered ids (time first): bytewise order is time order whatever the database's collation
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  cursor BIGINT NOT NULL,
  detail JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  UNIQUE (staff_id, cursor, kind)
);
CREATE INDEX notifications_by_staff ON notifications (staff_id, id);
CREATE INDEX notifications_unread ON notifications (staff_id, conversation_id) WHERE read_at IS NULL;
CREATE TABLE notification_preferences (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  preferences JSONB NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX notification_preferences_by_site ON notification_preferences (site_id);
INSERT INTO log_followers (name, site_id, cursor) SELECT 'notifications', site_id, last_cursor FROM event_counters;
`,
  },
  {
    version: 18,
    name: 'notifications: who rang, waiting alerts',
    // As SQLite's migration 22.
    sql: /* sql */ `
ALTER TABLE notifications ADD COLUMN rung_at BIGINT;
CREATE INDEX notifications_by_created ON notifications (created_at);
CREATE TABLE waiting_alerts (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  since_seq BIGINT NOT NULL,
  at BIGINT NOT NULL
);
`,
  },
  {
    version: 19,
    name: 'privacy: visitors\' erasure requests',
    // As SQLite's migration 23.
    sql: /* sql */ `
CREATE TABLE erasure_requests (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  visitor_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
  requested_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by TEXT
);
CREATE UNIQUE INDEX erasure_requests_pending ON erasure_requests (visitor_id) WHERE status = 'pending';
CREATE INDEX erasure_requests_by_site ON erasure_requests (site_id, status, requested_at);
CREATE INDEX erasure_requests_by_visitor ON erasure_requests (visitor_id, requested_at);
`,
  },
  {
    version: 20,
    name: 'reports: first reply on the conversation, covering indexes',
    // As SQLite's migration 24 (see there); the first reply is kept by append_messages (append-function.ts).
    sql: /* sql */ `
ALTER TABLE conversations ADD COLUMN first_reply_at BIGINT;
ALTER TABLE conversations ADD COLUMN first_reply_by TEXT;
UPDATE conversations c SET (first_reply_at, first_reply_by) = (
  SELECT m.created_at, m.author_id FROM messages m
  WHERE m.conversation_id = c.id AND m.author_kind = 'staff' AND NOT m.note ORDER BY m.seq LIMIT 1);
DROP INDEX conversations_by_created;
CREATE INDEX conversations_by_created ON conversations (site_id, created_at) INCLUDE (first_reply_at, first_reply_by);
DROP INDEX conversations_by_resolved;
CREATE INDEX conversations_by_resolved ON conversations (site_id, resolved_at) INCLUDE (created_at, resolved_by) WHERE resolved_at IS NOT NULL;
DROP INDEX conversations_by_rating;
CREATE INDEX conversations_by_rating ON conversations (site_id, rating_changed_at) INCLUDE (rating_score, assignee_id) WHERE rating_changed_at IS NOT NULL;
`,
  },
  {
    version: 21,
    name: 'server owners: who may create sites, stored',
    // As SQLite's migration 25.
    sql: /* sql */ `
CREATE TABLE server_owners (
  email TEXT PRIMARY KEY,
  since BIGINT NOT NULL
);
INSERT INTO server_owners (email, since) SELECT lower(email), created_at FROM staff WHERE role = 'admin' ORDER BY created_at, id LIMIT 1;
`,
  },
  {
    version: 22,
    name: 'automatic assignment: agents away, durably',
    // As SQLite's migration 26.
    sql: /* sql */ `
CREATE TABLE staff_away (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  since BIGINT NOT NULL,
  PRIMARY KEY (site_id, staff_id)
);
`,
  },  {
    version: 23,
    name: 'teams: agents grouped, conversations routed to a team',
    // As SQLite's migration 27.
    sql: /* sql */ `
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_site_name ON teams (site_id, lower(name));
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, staff_id)
);
CREATE INDEX team_members_staff ON team_members (staff_id);
ALTER TABLE conversations ADD COLUMN team_id TEXT REFERENCES teams(id) ON DELETE SET NULL;
`,
  },
  {
    version: 24,
    name: 'a resend is found by its author and client id alone',
    // append_messages looks up every append's (author, clientId) under the site's counter lock. With
    // the key led by site_id, the plan cached on a young table used messages_by_site_cursor (the
    // same leading column) and filtered the site's whole log per append: ~0.4 ms each at 3,000
    // messages, growing with the site, all of it under the lock. Author ids belong to one site (a
    // person on two sites is two staff rows), so (author_id, client_id, author_kind) is the same
    // key, and led by author_id no other index can answer the lookup.
    sql: /* sql */ `
CREATE UNIQUE INDEX messages_by_author_client ON messages (author_id, client_id, author_kind);
ALTER TABLE messages DROP CONSTRAINT messages_site_id_author_kind_author_id_client_id_key;
`,
  },
  {
    version: 25,
    name: 'email suppression by address',
    // As SQLite's 28: the address's hash (address-key.ts, sha256 of the trimmed lower-cased address),
    // kept beside the visitor's opt-out and after the visitor's erasure.
    sql: /* sql */ `
CREATE TABLE email_address_optouts (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  address_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, address_key)
);
INSERT INTO email_address_optouts (site_id, address_key, created_at)
  SELECT v.site_id, encode(sha256(convert_to(lower(btrim(v.email)), 'UTF8')), 'hex'), o.created_at FROM email_optouts o JOIN visitors v ON v.id = o.id
  WHERE o.kind = 'visitor' AND v.email IS NOT NULL AND v.email <> ''
  ON CONFLICT DO NOTHING;
`,
  },
  {
    version: 26,
    name: 'search: visitors by name and email',
    // Agents search the inbox for a visitor's name or address (reads.ts VISITOR_TSV_SQL, the same
    // expression). Non-letters become spaces first, so an address is its words ('ada', 'heron',
    // 'example', 'com') as in SQLite's FTS5, not one email token. Erasure deletes the row.
    sql: /* sql */ `
CREATE INDEX visitors_search ON visitors USING GIN
  (to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, ''), '[^[:alnum:]]+', ' ', 'g')));
`,
  },
];

/** Applies missing migrations under an advisory lock, so concurrent starts apply each once. */
export async function migrate(pool: pg.Pool, schema: string, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return tx(pool, async (c) => {
    // Lock first: concurrent `CREATE SCHEMA IF NOT EXISTS` races on the catalog's unique index.
    await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`parley-migrate:${schema}`]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const done = (await c.query('SELECT version FROM schema_migrations')).rows.map((r: { version: number }) => r.version);
    const applied: number[] = [];
    for (const m of pendingMigrations(migrations, done)) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    // Code, not schema: replaced on every start so it always matches this version (append-function.ts).
    await c.query(APPEND_FUNCTION);
    return applied;
  });
}
