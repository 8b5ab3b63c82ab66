import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExternalChanges } from './external-changes.ts';

// ExternalChanges over a stand-in for the connection: `version` is what PRAGMA data_version answers
// (it moves when another process commits), `asked` counts the PRAGMAs, each a read transaction of its own
// outside a write, and `drops` the caches dropped (onChange).
function watched() {
  const c = { version: 1, asked: 0, drops: 0 };
  const stmt = {
    pluck: () => stmt,
    get: () => (c.asked++, c.version),
  };
  const changes = new ExternalChanges({ prepare: () => stmt } as never);
  changes.onChange(() => c.drops++);
  return { c, changes };
}
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('external changes (PRAGMA data_version)', () => {
  it('check() asks once per turn of the event loop and sees another process commit from the next turn on', async () => {
    const { c, changes } = watched();
    changes.check();
    changes.check();
    assert.deepEqual({ asked: c.asked, drops: c.drops }, { asked: 1, drops: 1 }, 'the first check fills the version');
    c.version = 2; // another process commits during this turn
    changes.check();
    assert.equal(c.drops, 1, 'not seen in the same turn');
    await nextTurn();
    changes.check();
    assert.deepEqual({ asked: c.asked, drops: c.drops }, { asked: 2, drops: 2 });
  });

  it("a write transaction's checkNow() always asks, and stands for the rest of its turn's check()", async () => {
    const { c, changes } = watched();
    changes.check();
    c.version = 2; // committed by another process before our write transaction began
    changes.checkNow();
    assert.deepEqual({ asked: c.asked, drops: c.drops }, { asked: 2, drops: 2 }, 'inside a write it asks even after a check() of the same turn');
    await nextTurn();
    changes.checkNow(); // a group commit in a turn where nothing was checked yet
    changes.check(); // the next send's target, read in the group commit's turn
    assert.equal(c.asked, 3, 'the read after the commit needs no PRAGMA of its own');
    c.version = 3; // another process commits after our COMMIT
    await nextTurn();
    changes.check();
    assert.deepEqual({ asked: c.asked, drops: c.drops }, { asked: 4, drops: 3 }, 'seen from the next turn on, as for check()');
  });
});
