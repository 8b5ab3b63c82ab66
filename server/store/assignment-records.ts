import type { DurableEvent } from '../../protocol/index.ts';

/**
 * What the store does for automatic assignment (server/domain/assignment/). The store is the arbiter:
 * each method is one transaction that takes the site's write lock (SQLite: the one writer; PostgreSQL:
 * the site's counter row, which every event-writing transaction of the site takes first), so callers on
 * any number of processes assign each conversation once and never past an agent's capacity. Shared
 * suite: assignment.suite.ts.
 *
 * The queue is every open conversation without an assignee, oldest first by `queued_at` (set when
 * one is returned to the queue) or else its creation time. There is one queue per team (and one for
 * conversations without a team): a conversation goes only to a member of its team, and the oldest of
 * a team's queue goes first within it, while a team whose members are all full holds up no other. An agent's load is their assigned
 * conversations that are open or pending.
 */
export interface AssignmentStore {
  /**
   * Assigns the oldest waiting conversation of the site (or `conversationId`, if it still waits) to the
   * candidate `strategy` picks among those under their capacity, with a conversation.updated event
   * (`auto: true`, `by` the assignee). Null when nothing waits or no candidate has room.
   */
  assignWaiting(input: AssignWaitingInput): Promise<AssignedConversation | null>;
  /**
   * Returns the agent's conversations that wait on them (open, the last message is the visitor's) to
   * the queue at `at`, each with a conversation.updated event (`assigneeId: null`, `auto: true`).
   */
  returnToQueue(input: { siteId: string; staffId: string; at: number; name?: string | undefined }): Promise<AssignedConversation[]>;
  /**
   * Agents away too long give back what waits on them, counted from durable rows (staff_away), so a
   * restart or another process counts on from the same moment. One transaction under the site's lock:
   * agents holding open or pending conversations who are not `present` (online or busy) are noted away
   * since `at` unless noted already; those present or holding nothing are forgotten; each noted since
   * `at - timeoutMs` or earlier has what waits on them returned to the queue as returnToQueue does
   * (`names` for the events). Two processes at once return each conversation once: the second finds it
   * in the queue. `timeoutMs` <= 0 forgets the site's agents and returns nothing.
   */
  returnAway(input: ReturnAwayInput): Promise<AssignedConversation[]>;
  /** The site's agents noted away (staff_away): staff id -> since when. */
  awayAgents(siteId: string): Promise<Record<string, number>>;
  /** The site's waiting conversations, oldest first, at most `limit`, and how many wait in all. */
  queue(siteId: string, limit: number): Promise<{ entries: QueueEntry[]; waiting: number }>;
  /** Per staff member with any: their open and pending assigned conversations. */
  assignedLoads(siteId: string): Promise<Record<string, number>>;
}

export type AssignmentStrategy = 'round_robin' | 'least_busy';

export interface AssignCandidate {
  staffId: string;
  /** Open assigned conversations they may hold at most. */
  capacity: number;
  /** Display name for the event (assigneeName, byName). */
  name?: string;
  /** The teams they belong to: a conversation routed to a team goes only to its members. */
  teams?: string[];
}

export interface AssignWaitingInput {
  siteId: string;
  candidates: AssignCandidate[];
  strategy: AssignmentStrategy;
  at: number;
  conversationId?: string;
}

export interface ReturnAwayInput {
  siteId: string;
  /** Staff who are there (online or busy): their conversations stay, and their away count ends. */
  present: string[];
  at: number;
  timeoutMs: number;
  names: Record<string, string>;
}

export interface AssignedConversation {
  siteId: string;
  conversationId: string;
  visitorId: string;
  /** The new assignee; for returnToQueue, the agent it was taken from. */
  staffId: string;
  event: DurableEvent;
}

export interface QueueEntry {
  conversationId: string;
  visitorId: string;
  /** Since when it waits. */
  since: number;
  /** Its team, whose queue it waits in; null: the site's queue for any agent. */
  teamId: string | null;
}

/**
 * The agent a conversation goes to, among candidates under capacity given their `loads` and when each
 * was last given one automatically (`turns`; never: first). round_robin: the one whose turn is oldest;
 * least_busy: the fewest open conversations, then the oldest turn. Ties: the smaller staff id, so every
 * process and both stores pick the same agent from the same rows.
 */
export function pickAgent(
  candidates: AssignCandidate[],
  loads: Record<string, number>,
  turns: Record<string, number>,
  strategy: AssignmentStrategy,
): AssignCandidate | null {
  const open = candidates.filter((c) => (loads[c.staffId] ?? 0) < c.capacity);
  const turn = (c: AssignCandidate) => turns[c.staffId] ?? -1;
  open.sort((a, b) => {
    if (strategy === 'least_busy') {
      const byLoad = (loads[a.staffId] ?? 0) - (loads[b.staffId] ?? 0);
      if (byLoad !== 0) return byLoad;
    }
    return turn(a) - turn(b) || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);
  });
  return open[0] ?? null;
}

/** The SQL order of the queue, the same in both dialects. */
export const QUEUE_ORDER = 'COALESCE(queued_at, created_at), id';
/** Conversations that wait for an agent. */
export const QUEUE_WHERE = "status = 'open' AND assignee_id IS NULL";

/**
 * The oldest waiting conversation of each team's queue (and of the no-team queue), oldest first: the
 * only ones that may be assigned next, as within a team the oldest goes first. `?`: the site id (SQLite;
 * PostgreSQL replaces it). Both dialects partition NULL team ids together.
 */
export const QUEUE_HEADS = `SELECT id, visitor_id, team_id FROM (
  SELECT id, visitor_id, team_id, queued_at, created_at, ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY ${QUEUE_ORDER}) AS place
  FROM conversations WHERE site_id = ? AND ${QUEUE_WHERE}) heads WHERE place = 1 ORDER BY ${QUEUE_ORDER}`;

export interface WaitingHead {
  id: string;
  visitor_id: string;
  team_id: string | null;
}

/** Candidates who may take a conversation of this team: its members; without a team, anyone. */
export const candidatesFor = (candidates: AssignCandidate[], teamId: string | null | undefined): AssignCandidate[] =>
  teamId ? candidates.filter((c) => c.teams?.includes(teamId)) : candidates;

/** The first head (oldest first) some eligible candidate has room for, and that candidate; null: none. */
export function pickWaiting(
  heads: WaitingHead[],
  candidates: AssignCandidate[],
  loads: Record<string, number>,
  turns: Record<string, number>,
  strategy: AssignmentStrategy,
): { head: WaitingHead; agent: AssignCandidate } | null {
  for (const head of heads) {
    const agent = pickAgent(candidatesFor(candidates, head.team_id), loads, turns, strategy);
    if (agent) return { head, agent };
  }
  return null;
}
