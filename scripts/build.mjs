#!/usr/bin/env node
// `npm run build`: the browser bundles (widget, dashboard) with content-hashed chunks, their brotli and gzip
// copies, and the server as plain JavaScript, all into dist/ (cleared first, so it holds exactly one
// build). Each app owns its build parts; this file only runs them in order.
import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dashboardParts } from '../dashboard/rollup.parts.mjs';
import { serverBuild } from '../server/build.parts.mjs';
import { widgetParts } from '../widget/rollup.parts.mjs';
import { precompress } from './build/precompress.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => fileURLToPath(new URL(`../dist/${p}`, import.meta.url));
const quiet = process.argv.includes('--quiet');

for (const dir of ['widget', 'dashboard', 'server']) await rm(dist(dir), { recursive: true, force: true });

// In order: a part may use what an earlier one produced (the widget loader bakes in the UI's file name).
for (const part of [...widgetParts(), ...dashboardParts()]) {
  const bundle = await rollup(part);
  for (const output of [part.output].flat()) await bundle.write(output);
  await bundle.close();
}
await build(serverBuild());

const sizes = [...(await precompress(dist('widget'))), ...(await precompress(dist('dashboard')))];
if (!quiet) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(6);
  console.log('file                                       raw KB   gzip     br');
  for (const s of sizes) console.log(`${relative(root, s.file).padEnd(40)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.br)}`);
  console.log('and dist/server/ (node dist/server/main.js)');
}
