import type { DurableEvent } from '../../../protocol/index.ts';
import type { WaitingInput, WokenConversation } from '../store.ts';
import type { Db } from './db.ts';
import { getConversation, getConversationRow } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';

/**
 * The first visitor message after the last staff reply (notes do not answer): what a conversation has
 * been waiting on since. Deleted messages do not count. Null when the visitor has been answered.
 */
const UNANSWERED = `SELECT m.seq, m.created_at FROM messages m WHERE m.conversation_id = ? AND m.author_kind = 'visitor' AND m.deleted = 0
  AND m.seq > COALESCE((SELECT MAX(s.seq) FROM messages s WHERE s.conversation_id = m.conversation_id AND s.author_kind = 'staff' AND s.note = 0), 0)
  ORDER BY m.seq LIMIT 1`;

/**
 * Store.markWaiting on SQLite: the site's open conversations active since `activeSince` whose first
 * unanswered visitor message is from `before` or earlier get one conversation.waiting each, in a
 * transaction per conversation that checks again and records the run (waiting_alerts), so a run
 * alerts once however many processes sweep.
 */
export function markWaiting(db: Db, input: WaitingInput): WokenConversation[] {
  const candidates = db
    // The site's open conversations (conversations_unresolved, migration 29), not every one active since.
    .st(`SELECT id FROM conversations INDEXED BY conversations_unresolved
      WHERE site_id = ? AND status = 'open' AND status <> 'resolved' AND last_activity_at >= ? ORDER BY last_activity_at LIMIT ?`)
    .pluck()
    .all(input.siteId, input.activeSince, input.scanLimit) as string[];
  const out: WokenConversation[] = [];
  for (const id of candidates) {
    const first = db.st(UNANSWERED).get(id) as { seq: number; created_at: number } | undefined;
    if (!first || first.created_at > input.before) continue;
    const one = db.raw.transaction((): WokenConversation | null => {
      db.conversations.forget(id);
      const row = getConversationRow(db, id);
      const again = db.st(UNANSWERED).get(id) as { seq: number; created_at: number } | undefined;
      if (!row || row.status !== 'open' || !again || again.created_at > input.before) return null;
      const done = db.st('SELECT since_seq FROM waiting_alerts WHERE conversation_id = ?').pluck().get(id) as number | undefined;
      if (done !== undefined && done >= again.seq) return null;
      db.st('INSERT INTO waiting_alerts (conversation_id, since_seq, at) VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET since_seq = excluded.since_seq, at = excluded.at').run(id, again.seq, input.now);
      const at = nextSeq(db, id, false);
      const conversation = getConversation(db, id, EVENT_SNAPSHOT)!;
      const event: DurableEvent = { kind: 'conversation.waiting', conversationId: id, ...at, cursor: takeCursor(db, row.site_id), conversation, since: again.created_at, minutes: input.minutes };
      return { siteId: row.site_id, visitorId: row.visitor_id, event: insertEvent(db, row.site_id, event, false, input.now) };
    })();
    if (one) out.push(one);
  }
  return out;
}
