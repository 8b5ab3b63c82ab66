import { randomFillSync } from 'node:crypto';

/** Prefixes say what an id names, so a log line or a bug report is readable at a glance. */
export type IdPrefix = 'site' | 'stf' | 'vis' | 'cnv' | 'msg' | 'att' | 'cnd' | 'ses' | 'eml' | 'tok' | 'whk' | 'dlv' | 'blk' | 'ntf' | 'era' | 'tem';

// Random bytes are drawn 4 KiB at a time: one syscall per ~340 ids instead of one per id (the
// append path makes an id per message). Same CSPRNG, never reused.
const pool = Buffer.alloc(4096);
let offset = pool.length;
function take(n: number): Buffer {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** Short random url-safe id: 12 random bytes = 96 bits, 16 base64url characters after the prefix. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${take(12).toString('base64url')}`;
}

/** Public site key (goes in the script tag). Public, but unguessable so sites cannot be enumerated. */
export function newSiteKey(): string {
  return `pk_${take(15).toString('base64url')}`;
}

// URL-safe characters in ASCII order, so encoded numbers sort like the numbers (SQLite compares TEXT bytewise).
const SORTABLE = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * Like newId, but ids made later sort after ids made earlier (8 characters of millisecond time, then
 * 72 random bits). The append path uses it for messages: a random key lands on a random page of the
 * UNIQUE index on messages.id, so every message would dirty (and write to the WAL) a page of its own;
 * time-ordered keys all land on the rightmost page. The time is not a secret: messages carry createdAt.
 */
export function newOrderedId(prefix: IdPrefix, now = Date.now()): string {
  let t = Math.max(0, Math.floor(now));
  let time = '';
  for (let i = 0; i < 8; i++) {
    time = SORTABLE[t % 64] + time;
    t = Math.floor(t / 64);
  }
  return `${prefix}_${time}${take(9).toString('base64url')}`;
}
