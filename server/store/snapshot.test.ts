import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EVENT_SNAPSHOT } from './snapshot.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const dialectSources = (dir: string) =>
  readdirSync(join(here, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(here, dir, f), 'utf8') }));

test('an event snapshot is read as the visitor\'s view with the team, and cannot be changed by a caller', () => {
  assert.deepEqual({ ...EVENT_SNAPSHOT }, { forVisitor: true, event: true });
  assert.ok(Object.isFrozen(EVENT_SNAPSHOT));
});

test('every write path of both stores that logs a snapshot reads it through EVENT_SNAPSHOT, none spells the view by hand', () => {
  const sources = [...dialectSources('sqlite'), ...dialectSources('postgres')];
  const spelled = sources.filter((s) => /forVisitor:\s*true,\s*event:\s*true|event:\s*true,\s*forVisitor:\s*true/.test(s.text)).map((s) => s.file);
  assert.deepEqual(spelled, []);
  const users = sources.filter((s) => /\(\w+, [\w.]+, EVENT_SNAPSHOT\)/.test(s.text)).map((s) => s.file);
  // snooze, assignment, waiting, mutations, rating in each dialect (the scan sees the call sites).
  assert.equal(users.length, 10, users.join(', '));
});
