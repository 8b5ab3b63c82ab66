import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store/store.ts';
import type { DomainContext } from './context.ts';
import type { ApiTokenActor, Principal } from './principal.ts';
import { staffPrincipalName } from './actor-name.ts';
import { createStaffNames, type StaffNames } from './staff-names.ts';

/** A context whose staff-name cache counts how often it is asked, over a store that counts its reads. */
function counted() {
  const asked: string[] = [];
  const reads: string[] = [];
  const store = { getStaff: async (id: string) => (reads.push(id), { id, name: 'Ada' }) } as unknown as Store;
  const names = createStaffNames(store);
  const staffNames = new Proxy(names, {
    get: (target, prop: keyof StaffNames) => (...args: [string]) => (asked.push(String(prop)), (target[prop] as (id: string) => unknown)(...args)),
  });
  return { ctx: { staffNames } as unknown as DomainContext, asked, reads };
}
const staff = (apiToken?: ApiTokenActor): Extract<Principal, { kind: 'staff' }> => ({ kind: 'staff', siteId: 'site', staffId: apiToken?.id ?? 's1', role: 'agent', sessionId: 'x', apiToken });

test("a staff principal's name: the cache is asked once on a miss, and a known name comes without a promise", async () => {
  const { ctx, asked, reads } = counted();
  const first = staffPrincipalName(ctx, staff());
  assert.ok(first instanceof Promise, 'not cached yet: read from the store');
  assert.equal(await first, 'Ada');
  assert.deepEqual(asked, ['name'], 'one question to the cache on the miss (it was known() and then get())');
  assert.deepEqual(reads, ['s1']);
  assert.equal(staffPrincipalName(ctx, staff()), 'Ada', 'cached: the name itself, nothing to await');
  assert.deepEqual(asked, ['name', 'name']);
  assert.deepEqual(reads, ['s1'], 'one store read');
  const bot = staffPrincipalName(ctx, staff({ id: 'tok1', name: 'Order bot', scopes: [] } as unknown as ApiTokenActor));
  assert.equal(bot, 'Order bot', "a token acting as itself is named like the token");
  assert.deepEqual(asked, ['name', 'name'], 'without asking the cache');
});
