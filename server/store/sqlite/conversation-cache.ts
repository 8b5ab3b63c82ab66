import type { Actor, ConversationStatus, Rating, ReadCursor } from '../../../protocol/index.ts';
import { ratingFromRow } from '../rating-rules.ts';
import type Database from 'better-sqlite3';
import { readCursor } from '../snapshot.ts';
import type { VisitorSendTarget } from '../store.ts';
import type { ExternalChanges } from './external-changes.ts';
import type { ConversationRow } from './rows.ts';

/**
 * What appendMessage needs to know about a conversation, kept in memory between group commits so a
 * busy conversation costs no SELECT per message: its counters (the next seq is lastSeq + 1), the
 * fields of its snapshot, and its read cursors. `dirty` entries hold counters the current batch has
 * moved and not yet written back (the batch writes them before COMMIT).
 */
export interface ConversationState {
  /**
   * The row's rowid: the write-back updates by it, skipping the lookup through the id index. (A
   * VACUUM may renumber rowids; only another connection runs one, which clears the cache.)
   */
  rowid: number;
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  snoozedUntil: number | null;
  resolvedAt: number | null;
  rating: Rating | undefined;
  createdAt: number;
  /** For event snapshots (snapshot.ts withTeam); a move to another team forgets the cached copy (mutations.ts). */
  teamId: string | null;
  /** Set by the first staff reply that is not a note; reports read it (sqlite/reports.ts). */
  firstReplyAt: number | null;
  lastSeq: number;
  lastMessageSeq: number;
  lastVisitorSeq: number;
  /** The seq of the last event a visitor may see (the next one's prevVisibleSeq). */
  lastVisibleSeq: number;
  visitorMessages: number;
  lastActivityAt: number;
  /** Results get copies (see copyReads), so no caller can reach into the cache. */
  reads: readonly ReadCursor[];
  /** last_activity_at as stored: the write-back skips conversations_inbox when it did not move. */
  storedActivityAt: number;
  dirty: boolean;
  /** status / snoozedUntil moved in this batch (a visitor's message reopened it): written back too. */
  statusDirty: boolean;
  /** The first staff reply came in this batch: first_reply_at / first_reply_by are written back (once per conversation). */
  firstReplyBy?: string;
}

/**
 * Also kept here, under the same invalidation: each visitor's send target (their name and their most
 * recently active conversation that is not resolved), which every visitor message needs and which
 * otherwise costs two queries per message (findings.md: 8 % of the server at 10,000 msg/s).
 *
 * The cache is only as good as its invalidation, so the rules are few and central:
 * - Every write to a conversation row or its read cursors outside appendMessage calls `forget(id)`
 *   (mutations.ts) or `clear()` (mergeVisitor) inside its transaction.
 * - A commit by another connection (the CLI) is seen through `PRAGMA data_version`, checked at the
 *   start of every batch: any change clears everything.
 * - A batch that rolls back clears everything (its in-memory moves never happened).
 * A stale seq could not corrupt anything anyway: UNIQUE (conversation_id, seq) on messages and
 * events would refuse the row, and the savepoint replay starts from a cleared cache.
 */
export class ConversationCache {
  private readonly entries = new Map<string, ConversationState>();
  private readonly targets = new Map<string, VisitorSendTarget>();
  // Prepared on first use: the store is created before migrate() makes the tables.
  private stmts?: { row: Database.Statement; reads: Database.Statement };

  constructor(
    private readonly raw: Database.Database,
    /** Most conversations kept; past it the cache starts over (a reload is one indexed SELECT). */
    private readonly maxEntries: number,
    private readonly external: ExternalChanges,
  ) {
    external.onChange(() => this.clear());
  }

  private st() {
    return (this.stmts ??= {
      row: this.raw.prepare('SELECT rowid AS rowid_, * FROM conversations WHERE id = ?'),
      reads: this.raw.prepare(
        'SELECT reader_kind, reader_id, seq FROM read_cursors WHERE conversation_id = ? ORDER BY reader_kind DESC, reader_id',
      ),
    });
  }

  /** Call at the start of each batch, inside its (IMMEDIATE) transaction. */
  revalidate(): void {
    this.external.checkNow();
    this.trim();
  }

  private trim(): void {
    if (this.entries.size > this.maxEntries) this.entries.clear();
    if (this.targets.size > this.maxEntries) this.targets.clear();
  }

  /** The visitor's send target, loaded by `load` on a miss (a null answer is not kept). */
  sendTarget(visitorId: string, load: () => VisitorSendTarget | null): VisitorSendTarget | null {
    // Outside a batch this may be up to one event-loop turn old (external-changes.ts); inside one,
    // beginBatch has just asked under the write lock.
    this.external.check();
    this.trim();
    const hit = this.targets.get(visitorId);
    if (hit) return hit;
    const loaded = load();
    if (loaded) this.targets.set(visitorId, loaded);
    return loaded;
  }

  /** The visitor's name, label or conversations changed. */
  forgetVisitor(visitorId: string): void {
    this.targets.delete(visitorId);
  }

  /**
   * An append moved this conversation's activity: if it is not resolved it may now be its visitor's
   * most recently active one, so a cached target that names another conversation is dropped.
   */
  touched(state: ConversationState): void {
    const t = this.targets.get(state.visitorId);
    if (t && t.openConversation?.id !== state.id && state.status !== 'resolved') this.targets.delete(state.visitorId);
  }

  /** The conversation's state, loaded on first use; undefined when it does not exist. */
  get(id: string): ConversationState | undefined {
    const hit = this.entries.get(id);
    if (hit) return hit;
    const row = this.st().row.get(id) as (ConversationRow & { rowid_: number }) | undefined;
    if (!row) return undefined;
    const state = fromRow(row.rowid_, row, this.readsOf(id));
    this.entries.set(id, state);
    return state;
  }

  /** The cached state, if any, without loading it (reads outside a batch call external.check() first). */
  peek(id: string): ConversationState | undefined {
    return this.entries.get(id);
  }

  /** A conversation this batch just inserted (no read cursors yet). */
  add(rowid: number, row: ConversationRow): ConversationState {
    const state = fromRow(rowid, row, []);
    this.entries.set(row.id, state);
    return state;
  }

  forget(id: string): void {
    const state = this.entries.get(id);
    // Its status may change: drop its visitor's target (every target when the visitor is unknown).
    if (state) this.targets.delete(state.visitorId);
    else this.targets.clear();
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
    this.targets.clear();
  }

  private readsOf(id: string): readonly ReadCursor[] {
    const rows = this.st().reads.all(id) as { reader_kind: string; reader_id: string; seq: number }[];
    return rows.map((r) => readCursor(r.reader_kind, r.reader_id, r.seq));
  }
}

export const copyReads = (reads: readonly ReadCursor[]): ReadCursor[] =>
  reads.map((r) => ({ reader: { kind: r.reader.kind, id: r.reader.id } as Actor, seq: r.seq }));

function fromRow(rowid: number, r: ConversationRow, reads: readonly ReadCursor[]): ConversationState {
  return {
    rowid,
    id: r.id,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    status: r.status as ConversationStatus,
    assigneeId: r.assignee_id,
    snoozedUntil: r.snoozed_until,
    resolvedAt: r.resolved_at,
    rating: ratingFromRow(r),
    createdAt: r.created_at,
    teamId: r.team_id ?? null,
    firstReplyAt: r.first_reply_at,
    lastSeq: r.last_seq,
    lastMessageSeq: r.last_message_seq,
    lastVisitorSeq: r.last_visitor_seq,
    lastVisibleSeq: r.last_visible_seq,
    visitorMessages: r.visitor_messages,
    lastActivityAt: r.last_activity_at,
    reads,
    storedActivityAt: r.last_activity_at,
    dirty: false,
    statusDirty: false,
  };
}
