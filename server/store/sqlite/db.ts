import type Database from 'better-sqlite3';
import { BlockCache } from './blocks.ts';
import { ConversationCache } from './conversation-cache.ts';
import { ExternalChanges } from './external-changes.ts';
import { SearchIndex } from './search-index.ts';
import { SiteCache } from './sites.ts';

/**
 * What every SQLite module receives: the connection, a prepared-statement cache (each SQL string is
 * prepared once, on first use, so modules can keep their SQL next to the code that runs it), and the clock.
 */
export interface Db {
  readonly raw: Database.Database;
  st(sql: string): Database.Statement;
  now(): number;
  /** Conversation counters kept between group commits (see conversation-cache.ts for its rules). */
  readonly conversations: ConversationCache;
  /** The full-text index, which follows the messages table (see search-index.ts). */
  readonly searchIndex: SearchIndex;
  /** Commits by other connections; every cache here is dropped on one (see external-changes.ts). */
  readonly externalChanges: ExternalChanges;
  /** Sites by id and key (see sites.ts). */
  readonly sites: SiteCache;
  /** Each site's blocks (see blocks.ts). */
  readonly blocks: BlockCache;
}

export function createDb(
  raw: Database.Database,
  now: () => number,
  maxCachedConversations = 20_000,
  searchIndexIntervalMs = 500,
  onBackgroundError: (err: unknown) => void = () => {},
): Db {
  const cache = new Map<string, Database.Statement>();
  const st = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = raw.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const externalChanges = new ExternalChanges(raw);
  return {
    raw,
    now,
    st,
    externalChanges,
    conversations: new ConversationCache(raw, maxCachedConversations, externalChanges),
    sites: new SiteCache({ st, externalChanges }),
    blocks: new BlockCache({ st, externalChanges }),
    searchIndex: new SearchIndex(raw, searchIndexIntervalMs, onBackgroundError),
  };
}

/** SQLite has no booleans; these keep the 0/1 conversions in one place. */
export const bool = (v: unknown): boolean => v === 1 || v === true;
export const int01 = (v: boolean | undefined): 0 | 1 => (v ? 1 : 0);
