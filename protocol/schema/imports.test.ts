import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The schema set is server-side at run time: browser code (widget, dashboard, client core, the npm
 * packages) and the rest of protocol/ may take its types, never its values, so no validator library
 * reaches a browser bundle. Checked on the import statements themselves.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' || e.name === 'dist' ? [] : sources(join(dir, e.name))) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
const valueImports = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(import|export)\s+(?!type\b)([^'";]*?)\s*from\s+'([^']+)'/gm)].map((m) => m[3]);

test('browser code and the rest of protocol/ import the schema set and TypeBox as types only', () => {
  const browser = [...sources('widget'), ...sources('dashboard'), ...sources('client'), ...sources('packages')];
  const protocolRoot = sources('protocol').filter((f) => !f.startsWith('protocol/schema/'));
  assert.ok(browser.length > 50 && protocolRoot.length > 5, 'the scan sees the sources');
  assert.ok(valueImports('protocol/schema/common.ts').includes('typebox'), 'the scan sees value imports');
  for (const file of [...browser, ...protocolRoot]) {
    for (const spec of valueImports(file)) {
      assert.ok(!/(^|\/)schema\/|^typebox/.test(spec), `${file} imports ${spec} as a value: import type only`);
    }
  }
});
