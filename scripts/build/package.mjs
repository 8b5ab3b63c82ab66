#!/usr/bin/env node
// Builds the npm package in the current folder (packages/widget, packages/react; their prepack runs it):
// dist/index.js, one ES module bundled from src/index.ts with its dependencies left to the app's bundler,
// and dist/index.d.ts from the TypeScript compiler. packages/react builds after packages/widget: its
// declarations refer to the built widget's.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dir = process.cwd();
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

rmSync(join(dir, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [join(dir, 'src/index.ts')],
  outfile: join(dir, 'dist/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})],
  legalComments: 'none',
  logLevel: 'warning',
});
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
