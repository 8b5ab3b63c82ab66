// Build part for the server: plain JavaScript that runs under `node` (dist/server/main.js, cli.js), no tsx at
// run time. No keepNames: tsx's keepNames wraps every function in a __name() call that costs about 4.6 KB of
// heap per idle socket (bench/findings.md, finding 4). Packages stay external (installed by npm, not
// bundled); code split by import() stays in its own chunk, so the PostgreSQL and Redis clients (pg,
// ioredis) and the example pages are loaded only when configured.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** esbuild options writing into `outDir`. */
export function serverBuild(outDir = join(root, 'dist', 'server')) {
  return {
    entryPoints: { main: join(root, 'server', 'main.ts'), cli: join(root, 'server', 'cli.ts') },
    outdir: outDir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: false,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  };
}
