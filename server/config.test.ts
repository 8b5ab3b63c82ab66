import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../protocol/index.ts';
import { allSettings, ConfigError, DEFAULT_SERVER_LIMITS, loadConfig, unknownVariables } from './config.ts';
import { withSettingsTable } from './config/docs-table.ts';

test('defaults: port 8787, ./data, demo on, the documented limits', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8787);
  assert.equal(c.examplesPort, 8788);
  assert.equal(c.dataDir, resolve('./data'));
  assert.equal(c.dbFile, resolve('./data/parley.db'));
  assert.equal(c.demo, true);
  assert.equal(c.trustProxy, false);
  assert.equal(c.secret, null);
  assert.deepEqual(c.dashboardOrigins, []);
  assert.deepEqual(c.limits, DEFAULT_LIMITS);
  assert.deepEqual(c.serverLimits, DEFAULT_SERVER_LIMITS);
  assert.equal(c.limits.maxFrameBytes, 64 * 1024);
  assert.equal(c.serverLimits.restRateBurst, 60);
});

test('docs/deploy.md holds the settings table exactly as server/config.ts renders it (npm run docs:settings)', () => {
  const doc = readFileSync(new URL('../docs/deploy.md', import.meta.url), 'utf8');
  assert.equal(doc, withSettingsTable(doc), 'docs/deploy.md is stale: run `npm run docs:settings`');
  for (const { setting } of allSettings()) assert.ok(doc.includes(`| \`${setting.env}\` |`), `${setting.env} has a row`);
});

test('every setting has its own variable, and the variable sets that option', () => {
  const seen = new Set<string>();
  for (const { option, setting } of allSettings()) {
    assert.match(setting.env, /^PARLEY_[A-Z0-9_]+$/);
    assert.ok(!seen.has(setting.env), `${setting.env} is used twice`);
    seen.add(setting.env);
    assert.ok(setting.doc.length > 10, `${setting.env} is documented`);
    const value = (c: unknown) => option.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], c);
    const before = value(loadConfig({}));
    if (typeof before !== 'number') continue;
    // Another value in the setting's range (one near its top gets a lower one).
    const other = 'value' in setting.parse(String(before + 7)) ? before + 7 : before - 7;
    assert.equal(value(loadConfig({ [setting.env]: String(other) })), other, `${setting.env} sets ${option}`);
  }
  assert.equal(loadConfig({ PARLEY_HOST: '127.0.0.1' }).host, '127.0.0.1');
  assert.equal(loadConfig({ PARLEY_DATA_DIR: '/tmp/x' }).dbFile, '/tmp/x/parley.db', 'the db file follows the data dir');
  assert.equal(loadConfig({ PARLEY_LOG_LEVEL: 'debug' }).logLevel, 'debug');
});

test('on/off settings accept 0/1, true/false, on/off, yes/no in any case; anything else stops with the variable named', () => {
  for (const [raw, value] of [['0', false], ['false', false], ['OFF', false], ['no', false], ['1', true], ['True', true], ['on', true], ['yes', true]] as const) {
    assert.equal(loadConfig({ PARLEY_DEMO: raw }).demo, value, `PARLEY_DEMO=${raw}`);
    assert.equal(loadConfig({ PARLEY_TRUST_PROXY: raw }).trustProxy, value, `PARLEY_TRUST_PROXY=${raw}`);
  }
  assert.equal(loadConfig({ PARLEY_DEMO: '' }).demo, true, 'empty means unset');
  assert.throws(() => loadConfig({ PARLEY_DEMO: 'maybe' }), { name: 'ConfigError', message: 'PARLEY_DEMO must be one of 0/1, true/false, on/off, yes/no, got "maybe".' });
});

test('numbers are digits only and within bounds', () => {
  for (const raw of ['lots', '10k', '1e3', '-1', '1.5', '0x10', '12 ms']) {
    assert.throws(() => loadConfig({ PARLEY_MAX_FRAME_BYTES: raw }), (e: Error) => e instanceof ConfigError && e.message.startsWith('PARLEY_MAX_FRAME_BYTES must be a whole number'), raw);
  }
  assert.throws(() => loadConfig({ PARLEY_PORT: '70000' }), { message: 'PARLEY_PORT must be a whole number from 0 to 65535, got "70000".' });
  assert.throws(() => loadConfig({ PARLEY_REST_RATE_BURST: '0' }), /PARLEY_REST_RATE_BURST must be a whole number of at least 1/);
  assert.equal(loadConfig({ PARLEY_PORT: '0' }).port, 0);
});

test('words, URLs, origins and the secret are checked', () => {
  assert.throws(() => loadConfig({ PARLEY_LOG_LEVEL: 'verbose' }), { message: 'PARLEY_LOG_LEVEL must be one of debug, info, warn, error, silent, got "verbose".' });
  assert.throws(() => loadConfig({ PARLEY_DATABASE_URL: 'mysql://db/parley' }), /PARLEY_DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//);
  assert.throws(() => loadConfig({ PARLEY_REDIS_URL: 'localhost:6379' }), /PARLEY_REDIS_URL must be a URL starting with redis:\/\//);
  assert.throws(() => loadConfig({ PARLEY_PUBLIC_URL: 'chat.example.com' }), /PARLEY_PUBLIC_URL/);
  assert.equal(loadConfig({ PARLEY_PUBLIC_URL: 'https://chat.example.com' }).publicUrl, 'https://chat.example.com');
  // Stored as browsers send the Origin header, so a comparison with it is exact.
  assert.deepEqual(loadConfig({ PARLEY_DASHBOARD_ORIGINS: 'https://App.Example.com/, http://localhost:5173' }).dashboardOrigins, ['https://app.example.com', 'http://localhost:5173']);
  assert.throws(() => loadConfig({ PARLEY_DASHBOARD_ORIGINS: 'https://app.example.com/admin' }), /PARLEY_DASHBOARD_ORIGINS must be a comma-separated list of origins/);
  // A short secret is refused without being echoed into the log.
  assert.throws(() => loadConfig({ PARLEY_SECRET: 'hunter2' }), (e: Error) => e.message === 'PARLEY_SECRET must be at least 16 characters long (it has 7).');
});

test('unknown PARLEY_* variables are reported with the nearest known name; tool variables are not', () => {
  const found = unknownVariables({ PARLEY_DEMOO: '0', PARLEY_FROBNICATE: '1', PARLEY_CHROMIUM: '/usr/bin/chromium', PARLEY_PORT: '1', HOME: '/root' });
  assert.deepEqual(found, [
    { variable: 'PARLEY_DEMOO', suggestion: 'PARLEY_DEMO' },
    { variable: 'PARLEY_FROBNICATE', suggestion: null },
  ]);
});
