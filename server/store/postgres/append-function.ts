/**
 * One group commit of appendMessage in ONE round trip: `SELECT append_messages($1)` with the whole
 * batch as JSON. The site's counter is locked inside the call, so no lock is held while the network
 * carries anything (before: about six round trips per message under the lock, so one site topped out
 * at 250-350 msg/s whatever the number of processes). Created or replaced by migrate() on every start
 * (it is code, not schema), so it always matches the server's version.
 *
 * Input, one object per append: siteId, conversationId (null: the visitor's open conversation, else a
 * new one with newConversationId, in team teamId or none), visitorId, messageId, clientId, authorKind, authorId, authorName,
 * text, attachments (Attachment[] already checked by the caller), note, at, reopen, newConversation (true:
 * always a new conversation, never the open one), maxOpen (with it: refused when the visitor has this many
 * not resolved) and tooManyOpen (that refusal's message).
 * Output, one object per append, in order: { error: { code, message } } | { duplicate: messageId } |
 * { conversation: row, reads, seq, cursor, prevVisibleSeq, created: event | null, reopened: event | null }.
 *
 * Same rules as the SQLite append (sqlite/append.ts): a repeated (author, clientId) is answered first;
 * without a conversation id the visitor's open conversation is looked up under the site's lock, so two
 * tabs sending a first message at once share one conversation; a visitor's message reopens a resolved
 * or snoozed conversation in the same transaction; the first staff reply is kept on the conversation. Cursors are taken from a local copy of the site's
 * counter and written back once. No per-append savepoint (many subtransactions in one transaction are
 * slow in PostgreSQL): every refusal is decided by reads before the writes, and an error raised anyway
 * (an attachment swept since the caller checked it: SQLSTATE PY001) fails the call, which the caller
 * then replays one append at a time.
 */
export const APPEND_FUNCTION = /* sql */ `
CREATE OR REPLACE FUNCTION append_messages(batch jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  it jsonb;
  results jsonb[] := '{}';
  cursors jsonb := '{}';
  site text;
  conv_id text;
  dup_id text;
  cur bigint;
  c conversations%ROWTYPE;
  visible boolean;
  prev bigint;
  msg_seq bigint;
  msg_cursor bigint;
  bound int;
  created jsonb;
  reopened jsonb;
  reads jsonb;
BEGIN
  -- Lock order (events.ts lockCounters): the counters of every site, sorted, before any conversation row.
  PERFORM 1 FROM event_counters WHERE site_id IN (SELECT DISTINCT x->>'siteId' FROM jsonb_array_elements(batch) x) ORDER BY site_id FOR UPDATE;
  FOR it IN SELECT value FROM jsonb_array_elements(batch) LOOP
    site := it->>'siteId';
    created := NULL;
    reopened := NULL;
    -- By messages_by_author_client (PostgreSQL migration 24): no site_id here, or a cached plan may walk the site's log.
    SELECT id INTO dup_id FROM messages
      WHERE author_id = it->>'authorId' AND client_id = it->>'clientId' AND author_kind = it->>'authorKind';
    IF FOUND THEN
      results := results || jsonb_build_object('duplicate', dup_id);
      CONTINUE;
    END IF;
    conv_id := it->>'conversationId';
    IF conv_id IS NULL THEN
      PERFORM 1 FROM visitors WHERE id = it->>'visitorId' AND site_id = site;
      IF NOT FOUND THEN
        results := results || jsonb_build_object('error', jsonb_build_object('code', 'not_found', 'message', 'Unknown visitor.'));
        CONTINUE;
      END IF;
      IF NOT COALESCE((it->>'newConversation')::boolean, false) THEN
        SELECT id INTO conv_id FROM conversations WHERE visitor_id = it->>'visitorId' AND status <> 'resolved'
          ORDER BY last_activity_at DESC, id DESC LIMIT 1;
      ELSIF it->>'maxOpen' IS NOT NULL
          AND (SELECT COUNT(*) FROM conversations WHERE visitor_id = it->>'visitorId' AND status <> 'resolved') >= (it->>'maxOpen')::int THEN
        results := results || jsonb_build_object('error', jsonb_build_object('code', 'rate_limited', 'message', it->>'tooManyOpen'));
        CONTINUE;
      END IF;
    END IF;
    IF conv_id IS NOT NULL THEN
      SELECT * INTO c FROM conversations WHERE id = conv_id;
      IF NOT FOUND OR c.site_id <> site THEN
        results := results || jsonb_build_object('error', jsonb_build_object('code', 'not_found', 'message', 'Unknown conversation.'));
        CONTINUE;
      END IF;
    END IF;
    IF cursors ? site THEN
      cur := (cursors->>site)::bigint;
    ELSE
      SELECT last_cursor INTO cur FROM event_counters WHERE site_id = site;
      IF NOT FOUND THEN RAISE EXCEPTION 'site % has no event counter', site; END IF;
    END IF;
    IF jsonb_array_length(it->'attachments') > 0 THEN
      UPDATE attachments SET conversation_id = COALESCE(conv_id, it->>'newConversationId'), message_id = it->>'messageId'
        WHERE id IN (SELECT x->>'id' FROM jsonb_array_elements(it->'attachments') x) AND message_id IS NULL;
      GET DIAGNOSTICS bound = ROW_COUNT;
      IF bound <> jsonb_array_length(it->'attachments') THEN
        RAISE EXCEPTION USING ERRCODE = 'PY001', MESSAGE = 'An attachment of this message no longer exists.';
      END IF;
    END IF;
    IF conv_id IS NULL THEN
      conv_id := it->>'newConversationId';
      cur := cur + 1;
      INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, last_visible_seq, last_activity_at, created_at, team_id)
        VALUES (conv_id, site, it->>'visitorId', 'open', 1, 1, (it->>'at')::bigint, (it->>'at')::bigint, it->>'teamId') RETURNING * INTO c;
      -- Built for the visitor, like every snapshot inside an event (no reads, no last message yet).
      created := jsonb_build_object('kind', 'conversation.created', 'conversationId', conv_id, 'seq', 1, 'prevVisibleSeq', 0, 'cursor', cur,
        'conversation', jsonb_build_object('id', c.id, 'siteId', c.site_id, 'visitorId', c.visitor_id, 'status', c.status,
          'assigneeId', c.assignee_id, 'lastSeq', c.last_seq, 'lastActivityAt', c.last_activity_at, 'createdAt', c.created_at,
          'snoozedUntil', c.snoozed_until, 'reads', '[]'::jsonb));
      -- With the team, like every event snapshot (snapshot.ts withTeam); absent while none.
      IF c.team_id IS NOT NULL THEN created := jsonb_set(created, '{conversation,teamId}', to_jsonb(c.team_id)); END IF;
      INSERT INTO events (site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at)
        VALUES (site, cur, conv_id, 1, 'conversation.created', created, true, c.created_at);
    END IF;
    visible := NOT (it->>'note')::boolean;
    prev := CASE WHEN visible THEN c.last_visible_seq END;
    cur := cur + 1;
    UPDATE conversations SET last_seq = last_seq + 1, last_message_seq = last_seq + 1,
        last_visitor_seq = CASE WHEN it->>'authorKind' = 'visitor' THEN last_seq + 1 ELSE last_visitor_seq END,
        last_visible_seq = CASE WHEN visible THEN last_seq + 1 ELSE last_visible_seq END,
        last_activity_at = GREATEST(last_activity_at, (it->>'at')::bigint),
        -- The first staff reply (not a note) stays on the conversation for reports (reports.ts).
        first_reply_at = CASE WHEN first_reply_at IS NULL AND visible AND it->>'authorKind' = 'staff' THEN (it->>'at')::bigint ELSE first_reply_at END,
        first_reply_by = CASE WHEN first_reply_at IS NULL AND visible AND it->>'authorKind' = 'staff' THEN it->>'authorId' ELSE first_reply_by END
      WHERE id = conv_id RETURNING * INTO c;
    msg_seq := c.last_seq;
    msg_cursor := cur;
    INSERT INTO messages (id, site_id, conversation_id, seq, cursor, prev_visible_seq, client_id, author_kind, author_id, author_name, text, attachments, note, created_at)
      VALUES (it->>'messageId', site, conv_id, msg_seq, msg_cursor, prev, it->>'clientId', it->>'authorKind', it->>'authorId',
        it->>'authorName', it->>'text', it->'attachments', NOT visible, (it->>'at')::bigint);
    reads := COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', r.reader_kind, 'id', r.reader_id, 'seq', r.seq) ORDER BY r.reader_kind DESC, r.reader_id)
      FROM read_cursors r WHERE r.conversation_id = conv_id), '[]'::jsonb);
    IF (it->>'reopen')::boolean AND c.status IN ('resolved', 'snoozed') THEN
      cur := cur + 1;
      UPDATE conversations SET status = 'open', snoozed_until = NULL, resolved_at = NULL, resolved_by = NULL, last_seq = last_seq + 1, last_visible_seq = last_seq + 1
        WHERE id = conv_id RETURNING * INTO c;
      reopened := jsonb_build_object('kind', 'conversation.updated', 'conversationId', conv_id, 'seq', c.last_seq, 'prevVisibleSeq', msg_seq, 'cursor', cur,
        'conversation', jsonb_build_object('id', c.id, 'siteId', c.site_id, 'visitorId', c.visitor_id, 'status', c.status,
          'assigneeId', c.assignee_id, 'lastSeq', c.last_seq, 'lastActivityAt', c.last_activity_at, 'createdAt', c.created_at,
          'snoozedUntil', c.snoozed_until,
          'reads', COALESCE((SELECT jsonb_agg(jsonb_build_object('reader', jsonb_build_object('kind', x->>'kind', 'id', x->>'id'), 'seq', (x->>'seq')::bigint))
            FROM jsonb_array_elements(reads) x), '[]'::jsonb),
          'lastMessage', jsonb_build_object('id', it->>'messageId', 'seq', msg_seq, 'author', jsonb_build_object('kind', it->>'authorKind', 'id', it->>'authorId'),
            'text', it->>'text', 'createdAt', (it->>'at')::bigint, 'note', false)),
        'changes', jsonb_build_object('status', 'open'), 'by', jsonb_build_object('kind', it->>'authorKind', 'id', it->>'authorId'));
      IF it->>'authorName' IS NOT NULL THEN reopened := reopened || jsonb_build_object('byName', it->>'authorName'); END IF;
      IF c.team_id IS NOT NULL THEN reopened := jsonb_set(reopened, '{conversation,teamId}', to_jsonb(c.team_id)); END IF;
      -- The rating stays with the conversation (snapshot.ts: the same shape as SQLite's).
      IF c.rating_score IS NOT NULL THEN
        reopened := jsonb_set(reopened, '{conversation,rating}', jsonb_strip_nulls(jsonb_build_object('score', c.rating_score,
          'comment', NULLIF(c.rating_comment, ''), 'ratedAt', c.rating_changed_at)));
      END IF;
      INSERT INTO events (site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at)
        VALUES (site, cur, conv_id, c.last_seq, 'conversation.updated', reopened, true, (it->>'at')::bigint);
    END IF;
    cursors := cursors || jsonb_build_object(site, cur);
    results := results || jsonb_build_object('conversation', to_jsonb(c), 'reads', reads, 'seq', msg_seq, 'cursor', msg_cursor,
      'prevVisibleSeq', prev, 'created', created, 'reopened', reopened);
  END LOOP;
  UPDATE event_counters SET last_cursor = (cursors->>site_id)::bigint WHERE site_id IN (SELECT jsonb_object_keys(cursors));
  RETURN to_jsonb(results);
END
$fn$;
`;
