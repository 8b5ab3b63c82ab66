// Build parts for the staff dashboard: dist/dashboard/{index.html, app.js, app.css}.
// The server serves dist/dashboard at /dashboard with an SPA fallback, so every asset URL is
// /dashboard/-absolute (index.html is also answered for /dashboard/c/<id>).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = dirname(fileURLToPath(import.meta.url));

/** Emits the static files (html shell, stylesheet) next to app.js. */
function dashboardAssets() {
  const files = { 'index.html': 'index.html', 'app.css': 'ui/styles.css' };
  return {
    name: 'parley-dashboard-assets',
    buildStart() {
      for (const src of Object.values(files)) this.addWatchFile(join(here, src));
    },
    generateBundle() {
      for (const [fileName, src] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(join(here, src), 'utf8') });
      }
    },
  };
}

export default [
  {
    input: join(here, 'main.tsx'),
    output: { file: 'dist/dashboard/app.js', format: 'es', sourcemap: false },
    plugins: [
      nodeResolve({ extensions: ['.ts', '.tsx', '.mjs', '.js'], browser: true }),
      esbuild({
        target: 'es2020',
        jsx: 'automatic',
        jsxImportSource: 'preact',
        minify: true,
        tsconfig: join(here, '..', 'tsconfig.json'),
      }),
      dashboardAssets(),
    ],
  },
];
