import type pg from 'pg';
import type { DurableEvent } from '../../../protocol/index.ts';
import { pickWaiting, QUEUE_HEADS, QUEUE_ORDER, QUEUE_WHERE, type WaitingHead, type AssignedConversation, type AssignWaitingInput, type QueueEntry, type ReturnAwayInput } from '../assignment-records.ts';
import { q, q1, tx, type Pg, type Queryable } from './db.ts';
import { loadConversation } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';

/**
 * AssignmentStore on PostgreSQL (assignment-records.ts). Each transaction first locks the site's event
 * counter row, which every event-writing transaction of the site takes first too: two processes
 * assigning at once are serialized there, and the second reads the queue and the loads as the first
 * left them. So a conversation is assigned once and no agent passes their capacity, with no bus
 * involved, and nothing is lost by a restart (it is all rows).
 */

export function assignWaiting(db: Pg, input: AssignWaitingInput): Promise<AssignedConversation | null> {
  if (input.candidates.length === 0) return Promise.resolve(null);
  return tx(db.pool, async (c) => {
    await lockCounters(c, [input.siteId]);
    // No FOR UPDATE (a window query cannot take one): the site's counter lock above already keeps every
    // other writer of the site's conversations out until this commits.
    const heads = input.conversationId
      ? await q<WaitingHead>(c, `SELECT id, visitor_id, team_id FROM conversations WHERE id = $1 AND site_id = $2 AND ${QUEUE_WHERE}`, [input.conversationId, input.siteId])
      : await q<WaitingHead>(c, QUEUE_HEADS.replace('?', '$1'), [input.siteId]);
    if (heads.length === 0) return null;
    const picked = pickWaiting(heads, input.candidates, await loadsOf(c, input.siteId), await turns(c, input.siteId), input.strategy);
    if (!picked) return null;
    const { agent } = picked;
    const target = picked.head;
    await c.query('UPDATE conversations SET assignee_id = $2, queued_at = NULL WHERE id = $1', [target.id, agent.staffId]);
    await c.query(
      `INSERT INTO assignment_turns (site_id, staff_id, last_assigned_at) VALUES ($1, $2, $3)
       ON CONFLICT (site_id, staff_id) DO UPDATE SET last_assigned_at = excluded.last_assigned_at`,
      [input.siteId, agent.staffId, input.at],
    );
    const names = agent.name !== undefined ? { byName: agent.name, assigneeName: agent.name } : {};
    const event = await updated(c, input.siteId, target.id, { assigneeId: agent.staffId }, agent.staffId, names, input.at);
    return { siteId: input.siteId, conversationId: target.id, visitorId: target.visitor_id, staffId: agent.staffId, event };
  });
}

export function returnToQueue(db: Pg, input: { siteId: string; staffId: string; at: number; name?: string | undefined }): Promise<AssignedConversation[]> {
  return tx(db.pool, async (c) => {
    await lockCounters(c, [input.siteId]);
    return returnOn(c, input);
  });
}

/** returnToQueue inside a transaction that holds the site's counter lock. */
async function returnOn(c: pg.PoolClient, input: { siteId: string; staffId: string; at: number; name?: string | undefined }): Promise<AssignedConversation[]> {
  const rows = await q<{ id: string; visitor_id: string }>(
    c,
    `SELECT id, visitor_id FROM conversations
     WHERE site_id = $1 AND assignee_id = $2 AND status = 'open' AND last_visitor_seq = last_message_seq AND last_visitor_seq > 0
     ORDER BY created_at, id FOR UPDATE`,
    [input.siteId, input.staffId],
  );
  const out: AssignedConversation[] = [];
  for (const r of rows) {
    await c.query('UPDATE conversations SET assignee_id = NULL, queued_at = $2 WHERE id = $1', [r.id, input.at]);
    const names = input.name !== undefined ? { byName: input.name } : {};
    const event = await updated(c, input.siteId, r.id, { assigneeId: null }, input.staffId, names, input.at);
    out.push({ siteId: input.siteId, conversationId: r.id, visitorId: r.visitor_id, staffId: input.staffId, event });
  }
  return out;
}

/** As SQLite's: the away rows are read and written under the site's counter lock, so processes take turns. */
export function returnAway(db: Pg, input: ReturnAwayInput): Promise<AssignedConversation[]> {
  return tx(db.pool, async (c) => {
    await lockCounters(c, [input.siteId]);
    if (input.timeoutMs <= 0) {
      await c.query('DELETE FROM staff_away WHERE site_id = $1', [input.siteId]);
      return [];
    }
    const present = new Set(input.present);
    const holding = Object.keys(await loadsOf(c, input.siteId));
    const away = await awayOf(c, input.siteId);
    const gone = Object.keys(away).filter((id) => present.has(id) || !holding.includes(id));
    if (gone.length) await c.query('DELETE FROM staff_away WHERE site_id = $1 AND staff_id = ANY($2)', [input.siteId, gone]);
    for (const id of gone) delete away[id];
    const out: AssignedConversation[] = [];
    for (const staffId of holding) {
      if (present.has(staffId)) continue;
      if (away[staffId] === undefined) {
        await c.query('INSERT INTO staff_away (site_id, staff_id, since) VALUES ($1, $2, $3)', [input.siteId, staffId, input.at]);
        away[staffId] = input.at;
      }
      if (input.at - away[staffId] >= input.timeoutMs) out.push(...(await returnOn(c, { siteId: input.siteId, staffId, at: input.at, name: input.names[staffId] })));
    }
    return out;
  });
}

export const awayAgents = (db: Pg, siteId: string) => awayOf(db.pool, siteId);

async function awayOf(on: Queryable, siteId: string): Promise<Record<string, number>> {
  const rows = await q<{ staff_id: string; since: string }>(on, 'SELECT staff_id, since FROM staff_away WHERE site_id = $1', [siteId]);
  return Object.fromEntries(rows.map((r) => [r.staff_id, Number(r.since)]));
}

export async function queue(db: Pg, siteId: string, limit: number): Promise<{ entries: QueueEntry[]; waiting: number }> {
  const rows = await q<{ id: string; visitor_id: string; team_id: string | null; since: string }>(
    db.pool,
    `SELECT id, visitor_id, team_id, COALESCE(queued_at, created_at) AS since FROM conversations WHERE site_id = $1 AND ${QUEUE_WHERE} ORDER BY ${QUEUE_ORDER} LIMIT $2`,
    [siteId, limit],
  );
  const waiting =
    rows.length < limit ? rows.length : Number((await q1<{ n: string }>(db.pool, `SELECT COUNT(*) AS n FROM conversations WHERE site_id = $1 AND ${QUEUE_WHERE}`, [siteId]))!.n);
  return { entries: rows.map((r) => ({ conversationId: r.id, visitorId: r.visitor_id, since: Number(r.since), teamId: r.team_id ?? null })), waiting };
}

export const assignedLoads = (db: Pg, siteId: string) => loadsOf(db.pool, siteId);

async function loadsOf(on: Queryable, siteId: string): Promise<Record<string, number>> {
  const rows = await q<{ assignee_id: string; n: string }>(
    on,
    `SELECT assignee_id, COUNT(*) AS n FROM conversations WHERE site_id = $1 AND status IN ('open', 'pending') AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    [siteId],
  );
  return Object.fromEntries(rows.map((r) => [r.assignee_id, Number(r.n)]));
}

async function turns(on: Queryable, siteId: string): Promise<Record<string, number>> {
  const rows = await q<{ staff_id: string; last_assigned_at: string }>(on, 'SELECT staff_id, last_assigned_at FROM assignment_turns WHERE site_id = $1', [siteId]);
  return Object.fromEntries(rows.map((r) => [r.staff_id, Number(r.last_assigned_at)]));
}

async function updated(
  c: pg.PoolClient,
  siteId: string,
  id: string,
  changes: { assigneeId: string | null },
  by: string,
  names: { byName?: string; assigneeName?: string },
  at: number,
): Promise<DurableEvent> {
  const seq = await nextSeq(c, id, true);
  const conversation = (await loadConversation(c, id, EVENT_SNAPSHOT))!;
  const event: DurableEvent = { kind: 'conversation.updated', conversationId: id, ...seq, cursor: 0, conversation, changes, by: { kind: 'staff', id: by }, ...names, auto: true };
  return insertEvent(c, siteId, event, true, at);
}
