import type { DurableEvent } from '../../../protocol/index.ts';
import { pickWaiting, QUEUE_HEADS, QUEUE_ORDER, QUEUE_WHERE, type WaitingHead, type AssignedConversation, type AssignWaitingInput, type QueueEntry, type ReturnAwayInput } from '../assignment-records.ts';
import type { Db } from './db.ts';
import { getConversation, getConversationRow } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';

/**
 * AssignmentStore on SQLite (assignment-records.ts). SQLite has one writer, so a transaction that
 * reads the queue, the loads and the turns and writes the assignment cannot interleave with another
 * process's: each conversation is assigned once, and capacities hold.
 */

export function assignWaiting(db: Db, input: AssignWaitingInput): AssignedConversation | null {
  if (input.candidates.length === 0) return null;
  return db.raw.transaction((): AssignedConversation | null => {
    const heads = input.conversationId
      ? (db.st(`SELECT id, visitor_id, team_id FROM conversations WHERE id = ? AND site_id = ? AND ${QUEUE_WHERE}`).all(input.conversationId, input.siteId) as WaitingHead[])
      : (db.st(QUEUE_HEADS).all(input.siteId) as WaitingHead[]);
    if (heads.length === 0) return null;
    const picked = pickWaiting(heads, input.candidates, assignedLoads(db, input.siteId), turns(db, input.siteId), input.strategy);
    if (!picked) return null;
    const { agent } = picked;
    const target = picked.head.id;
    db.conversations.forget(target);
    const row = getConversationRow(db, target)!;
    db.st('UPDATE conversations SET assignee_id = ?, queued_at = NULL WHERE id = ?').run(agent.staffId, target);
    db.st(
      `INSERT INTO assignment_turns (site_id, staff_id, last_assigned_at) VALUES (?, ?, ?)
       ON CONFLICT (site_id, staff_id) DO UPDATE SET last_assigned_at = excluded.last_assigned_at`,
    ).run(input.siteId, agent.staffId, input.at);
    const names = agent.name !== undefined ? { byName: agent.name, assigneeName: agent.name } : {};
    const event = updated(db, row.site_id, target, { assigneeId: agent.staffId }, agent.staffId, names, input.at);
    return { siteId: row.site_id, conversationId: target, visitorId: row.visitor_id, staffId: agent.staffId, event };
  })();
}

export function returnToQueue(db: Db, input: { siteId: string; staffId: string; at: number; name?: string | undefined }): AssignedConversation[] {
  return db.raw.transaction((): AssignedConversation[] => {
    const ids = db
      .st(`SELECT id FROM conversations INDEXED BY conversations_unresolved
        WHERE site_id = ? AND status = 'open' AND status <> 'resolved' AND assignee_id = ? AND last_visitor_seq = last_message_seq AND last_visitor_seq > 0 ORDER BY created_at, id`)
      .pluck()
      .all(input.siteId, input.staffId) as string[];
    return ids.map((id) => {
      db.conversations.forget(id);
      const row = getConversationRow(db, id)!;
      db.st('UPDATE conversations SET assignee_id = NULL, queued_at = ? WHERE id = ?').run(input.at, id);
      const names = input.name !== undefined ? { byName: input.name } : {};
      const event = updated(db, row.site_id, id, { assigneeId: null }, input.staffId, names, input.at);
      return { siteId: row.site_id, conversationId: id, visitorId: row.visitor_id, staffId: input.staffId, event };
    });
  })();
}

export function returnAway(db: Db, input: ReturnAwayInput): AssignedConversation[] {
  return db.raw.transaction((): AssignedConversation[] => {
    if (input.timeoutMs <= 0) {
      db.st('DELETE FROM staff_away WHERE site_id = ?').run(input.siteId);
      return [];
    }
    const present = new Set(input.present);
    const holding = Object.keys(assignedLoads(db, input.siteId));
    const away = awayAgents(db, input.siteId);
    for (const staffId of Object.keys(away)) {
      if (present.has(staffId) || !holding.includes(staffId)) {
        db.st('DELETE FROM staff_away WHERE site_id = ? AND staff_id = ?').run(input.siteId, staffId);
        delete away[staffId];
      }
    }
    const out: AssignedConversation[] = [];
    for (const staffId of holding) {
      if (present.has(staffId)) continue;
      if (away[staffId] === undefined) {
        db.st('INSERT INTO staff_away (site_id, staff_id, since) VALUES (?, ?, ?)').run(input.siteId, staffId, input.at);
        away[staffId] = input.at;
      }
      if (input.at - away[staffId] >= input.timeoutMs) out.push(...returnToQueue(db, { siteId: input.siteId, staffId, at: input.at, name: input.names[staffId] }));
    }
    return out;
  })();
}

export function awayAgents(db: Db, siteId: string): Record<string, number> {
  const rows = db.st('SELECT staff_id, since FROM staff_away WHERE site_id = ?').all(siteId) as { staff_id: string; since: number }[];
  return Object.fromEntries(rows.map((r) => [r.staff_id, r.since]));
}

export function queue(db: Db, siteId: string, limit: number): { entries: QueueEntry[]; waiting: number } {
  const rows = db
    .st(`SELECT id, visitor_id, team_id, COALESCE(queued_at, created_at) AS since FROM conversations WHERE site_id = ? AND ${QUEUE_WHERE} ORDER BY ${QUEUE_ORDER} LIMIT ?`)
    .all(siteId, limit) as { id: string; visitor_id: string; team_id: string | null; since: number }[];
  const waiting = rows.length < limit ? rows.length : (db.st(`SELECT COUNT(*) FROM conversations WHERE site_id = ? AND ${QUEUE_WHERE}`).pluck().get(siteId) as number);
  return { entries: rows.map((r) => ({ conversationId: r.id, visitorId: r.visitor_id, since: r.since, teamId: r.team_id ?? null })), waiting };
}

export function assignedLoads(db: Db, siteId: string): Record<string, number> {
  const rows = db
    .st(`SELECT assignee_id, COUNT(*) AS n FROM conversations WHERE site_id = ? AND status IN ('open', 'pending') AND assignee_id IS NOT NULL GROUP BY assignee_id`)
    .all(siteId) as { assignee_id: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.assignee_id, r.n]));
}

function turns(db: Db, siteId: string): Record<string, number> {
  const rows = db.st('SELECT staff_id, last_assigned_at FROM assignment_turns WHERE site_id = ?').all(siteId) as { staff_id: string; last_assigned_at: number }[];
  return Object.fromEntries(rows.map((r) => [r.staff_id, r.last_assigned_at]));
}

function updated(db: Db, siteId: string, id: string, changes: { assigneeId: string | null }, by: string, names: { byName?: string; assigneeName?: string }, at: number): DurableEvent {
  const seq = nextSeq(db, id, true);
  const conversation = getConversation(db, id, EVENT_SNAPSHOT)!;
  const event: DurableEvent = {
    kind: 'conversation.updated',
    conversationId: id,
    ...seq,
    cursor: takeCursor(db, siteId),
    conversation,
    changes,
    by: { kind: 'staff', id: by },
    ...names,
    auto: true,
  };
  return insertEvent(db, siteId, event, true, at);
}
