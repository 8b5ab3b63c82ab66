import Database from 'better-sqlite3';
import type { NewMessage } from '../store.ts';

/**
 * Fills a migrated database with one site's history for the measure scripts (not a test): `total`
 * conversations, each with its own visitor, newest activity last. `open` of them are open (a few
 * pending and snoozed among them), the rest resolved; a few open ones are old, so a later page of an
 * open view has to reach far back. Assignees, teams and priorities are spread over what the site has.
 */
export function seedConversations(
  file: string,
  s: { siteId: string; staffIds: string[]; teamIds: string[]; total: number; open: number; startAt: number },
): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const visitor = db.prepare(`INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`);
  const conv = db.prepare(
    `INSERT INTO conversations (id, site_id, visitor_id, status, assignee_id, priority, team_id, last_seq, last_activity_at, created_at, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  // Open conversations: the newest `open - 10` and ten spread over the whole history.
  const old = new Set(Array.from({ length: 10 }, (_, k) => Math.floor((k * s.total) / 10)));
  db.transaction(() => {
    for (let i = 0; i < s.total; i++) {
      const at = s.startAt + i * 1000;
      const isOpen = i >= s.total - (s.open - 10) || old.has(i);
      const status = !isOpen ? 'resolved' : i % 17 === 0 ? 'pending' : i % 23 === 0 ? 'snoozed' : 'open';
      const assignee = isOpen && i % 3 === 0 ? null : s.staffIds[i % s.staffIds.length];
      const priority = i % 11 === 0 ? 4 : i % 7 === 0 ? 2 : 0;
      const team = i % 4 === 0 ? null : s.teamIds[i % s.teamIds.length] ?? null;
      visitor.run(`vis_seed${i}`, s.siteId, `Seed ${i}`, at, at);
      conv.run(`cnv_seed${String(i).padStart(7, '0')}`, s.siteId, `vis_seed${i}`, status, assignee, priority, team, at, at - 500, status === 'resolved' ? at : null);
    }
  })();
  db.close();
}

/** The measure scripts' chat line n into conversation c: the visitor's, or the agent's when byStaff. */
export function loadMessage(siteId: string, c: { id: string; visitorId: string }, agentId: string, n: number, byStaff: boolean, at: number): NewMessage {
  return {
    siteId,
    conversationId: c.id,
    visitorId: c.visitorId,
    clientId: `m${n}`,
    author: byStaff ? { kind: 'staff', id: agentId } : { kind: 'visitor', id: c.visitorId },
    text: `load message ${n} with a few words of text like a real chat line`,
    attachmentIds: [],
    note: false,
    at,
  };
}
