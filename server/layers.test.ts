import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The layering of docs/architecture.md, checked on the imports themselves. */
const here = fileURLToPath(new URL('.', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(join(here, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string) => [...readFileSync(join(here, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);

test('the domain knows nothing of Hono, ws, HTTP or the realtime gateway', () => {
  assert.ok(importsOf('domain/send-message.ts').includes('../errors.ts'), 'the import scan sees imports');
  for (const file of sources('domain')) {
    for (const spec of importsOf(file)) {
      assert.ok(!/^(hono|ws|@hono\/|node:http)/.test(spec), `${file} imports ${spec}`);
      assert.ok(!/\/(http|realtime)\//.test(spec), `${file} imports ${spec}`);
      assert.ok(!/\/store\/(sqlite|postgres)\/|\/bus\/(local|redis)/.test(spec), `${file} imports an implementation: ${spec}`);
    }
  }
});

test('email, webhooks, API tokens and the event-log follower know nothing of Hono, ws or the transports', () => {
  assert.ok(sources('email').length > 10 && sources('eventlog').length > 0 && sources('webhooks').length > 4, 'the scan sees the email and webhook modules');
  // testing/ is test support (a real SMTP sink, a webhook receiver, servers with email on): it may use anything.
  for (const file of [...sources('email'), ...sources('eventlog'), ...sources('webhooks'), ...sources('apitokens')].filter((f) => !f.includes('/testing/'))) {
    for (const spec of importsOf(file)) {
      // The webhook client makes outbound requests (post.ts): node:http(s) as a client, never a server.
      const outbound = file === 'webhooks/post.ts' && /^node:https?$/.test(spec);
      assert.ok(outbound || !/^(hono|ws|@hono\/|node:http)/.test(spec), `${file} imports ${spec}`);
      assert.ok(!/\/(http|realtime)\//.test(spec), `${file} imports ${spec}`);
    }
  }
});

test('HTTP and realtime reach the store and bus through their interfaces (only app.ts picks implementations)', () => {
  for (const file of [...sources('http'), ...sources('realtime'), ...sources('auth'), ...sources('attachments'), ...sources('email').filter((f) => !f.includes('/testing/')), ...sources('eventlog')]) {
    for (const spec of importsOf(file)) {
      assert.ok(!/\/store\/(sqlite|postgres)\/|\/bus\/(local|redis)/.test(spec), `${file} imports ${spec}`);
    }
  }
});
