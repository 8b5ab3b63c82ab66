import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../protocol/index.ts';
import { DEFAULT_SERVER_LIMITS, loadConfig } from './config.ts';

test('defaults: port 8787, ./data, the documented limits', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8787);
  assert.equal(c.dataDir, resolve('./data'));
  assert.equal(c.dbFile, resolve('./data/parley.db'));
  assert.equal(c.trustProxy, false);
  assert.deepEqual(c.limits, DEFAULT_LIMITS);
  assert.deepEqual(c.serverLimits, DEFAULT_SERVER_LIMITS);
  assert.equal(c.limits.maxFrameBytes, 64 * 1024);
  assert.equal(c.limits.maxTextLength, 10_000);
  assert.equal(c.limits.maxUploadBytes, 10 * 1024 * 1024);
});

/** Every limit has its own env variable, and docs/deploy.md's one table lists it with that variable and default. */
test('every limit is named in config, set by its env variable, and in the deploy.md table', () => {
  const doc = readFileSync(new URL('../docs/deploy.md', import.meta.url), 'utf8');
  const rows = new Map<string, string>();
  for (const m of doc.matchAll(/^\| `(limits|serverLimits)\.(\w+)` \| `(PARLEY_\w+)` \| `(\d+)`/gm)) rows.set(`${m[1]}.${m[2]}`, `${m[3]}=${m[4]}`);
  const groups = { limits: DEFAULT_LIMITS, serverLimits: DEFAULT_SERVER_LIMITS } as const;
  for (const [group, defaults] of Object.entries(groups)) {
    for (const [name, value] of Object.entries(defaults)) {
      const row = rows.get(`${group}.${name}`);
      assert.ok(row, `docs/deploy.md has no row for ${group}.${name}`);
      const [variable, documented] = row.split('=');
      assert.equal(Number(documented), value, `${group}.${name}: documented default`);
      const set = loadConfig({ [variable]: String(value + 7) }) as unknown as Record<string, Record<string, number>>;
      assert.equal(set[group][name], value + 7, `${variable} sets ${group}.${name}`);
    }
  }
});

test('bad numbers are refused at startup with the variable named', () => {
  assert.throws(() => loadConfig({ PARLEY_MAX_FRAME_BYTES: 'lots' }), /PARLEY_MAX_FRAME_BYTES/);
  assert.throws(() => loadConfig({ PARLEY_REST_RATE_BURST: '-1' }), /PARLEY_REST_RATE_BURST/);
});
