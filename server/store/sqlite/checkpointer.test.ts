import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createCheckpointer } from './checkpointer.ts';
import { openDatabase } from './open.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-checkpointer-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A writer like the store's: the WAL checkpointed only by the worker (autocheckpoint off). */
function writer() {
  const file = join(dir, `db-${++n}`, 'parley.db');
  const db = openDatabase(file);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x BLOB)');
  const insert = db.prepare('INSERT INTO t VALUES (randomblob(3000))');
  /** Frames in the WAL after one more commit (a PASSIVE checkpoint of the writer's own would also report it). */
  const framesAfterCommit = () => {
    insert.run();
    return (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log;
  };
  return { file, db, commit: () => insert.run(), framesAfterCommit };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('WAL checkpointer', () => {
  it('past restartFrames it holds the group commit for one final round, after which the next commit starts the WAL over', async () => {
    const w = writer();
    let held = false;
    let holds = 0;
    let releases = 0;
    const cp = createCheckpointer({
      file: w.file,
      minAppends: 1,
      minIntervalMs: 0,
      restartFrames: 40,
      holdCommits: () => {
        held = true;
        holds++;
        return () => {
          held = false;
          releases++;
        };
      },
    });
    try {
      // Commits keep coming between rounds (never while held), as the group commit's would.
      for (let i = 0; releases === 0; i++) {
        assert.ok(i < 100_000, 'a final round was held and released');
        if (!held) {
          w.commit();
          cp.committed(1);
        }
        await turn();
      }
      assert.equal(holds, 1);
      assert.ok(w.framesAfterCommit() < 10, 'the commit after the final round wrote the WAL from its beginning');
    } finally {
      await cp.close();
      w.db.close();
    }
  });

  it('close() releases a hold in progress', async () => {
    const w = writer();
    let held = false;
    let released = false;
    const cp = createCheckpointer({
      file: w.file,
      minAppends: 1,
      minIntervalMs: 0,
      restartFrames: 1,
      holdCommits: () => {
        held = true;
        return () => (released = true);
      },
    });
    try {
      for (let i = 0; !held; i++) {
        assert.ok(i < 100_000, 'a final round was held');
        w.commit();
        cp.committed(1);
        await turn();
      }
      assert.equal(released, false);
      const closing = cp.close();
      assert.equal(released, true, 'released at once, not after the worker answers');
      await closing;
    } finally {
      await cp.close();
      w.db.close();
    }
  });
});
