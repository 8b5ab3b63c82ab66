// Build parts for the staff dashboard: dist/dashboard/{index.html, app.<hash>.js, app.<hash>.css}, and
// <name>.<hash>.js for every chunk split out with import(). The server serves dist/dashboard at /dashboard
// with an SPA fallback, so every asset URL is /dashboard/-absolute (index.html is also answered for
// /dashboard/c/<id>). index.html is the only file with a stable name: it is revalidated on every load
// and names the current hashed files, which are cached forever.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { HASHED, HASHED_ASSET } from '../scripts/build/chunk-manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The stylesheets, in order, concatenated into app.css: the app's, then each area's own. */
const STYLESHEETS = ['ui/styles.css', 'ui/settings/settings.css', 'ui/settings/integrations.css'];

/** Emits the stylesheet (hashed) and the html shell pointing at the hashed script and stylesheet. */
function dashboardAssets() {
  const html = join(here, 'index.html');
  const css = STYLESHEETS.map((f) => join(here, f));
  let cssRef;
  return {
    name: 'parley-dashboard-assets',
    buildStart() {
      this.addWatchFile(html);
      for (const f of css) this.addWatchFile(f);
      cssRef = this.emitFile({ type: 'asset', name: 'app.css', source: css.map((f) => readFileSync(f, 'utf8')).join('\n') });
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'app');
      const source = readFileSync(html, 'utf8')
        .replace('/dashboard/app.css', `/dashboard/${this.getFileName(cssRef)}`)
        .replace('/dashboard/app.js', `/dashboard/${entry.fileName}`);
      if (!source.includes(entry.fileName) || !source.includes(this.getFileName(cssRef))) this.error('dashboard/index.html must link /dashboard/app.css and /dashboard/app.js');
      this.emitFile({ type: 'asset', fileName: 'index.html', source });
    },
  };
}

/** The parts, writing into `outDir`. */
export function dashboardParts(outDir = join(here, '..', 'dist', 'dashboard')) {
  return [
    {
      input: { app: join(here, 'main.tsx') },
      output: { dir: outDir, format: 'es', sourcemap: false, entryFileNames: HASHED, chunkFileNames: HASHED, assetFileNames: HASHED_ASSET, hashCharacters: 'hex' },
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
}

export default dashboardParts();
