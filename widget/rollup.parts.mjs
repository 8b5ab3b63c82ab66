// Build parts for the widget; /scripts/build.mjs (and /rollup.config.mjs) build them in this order.
// Outputs go to dist/widget/:
//   ui.<hash>.js        Preact + client core + UI (an ES module), loaded lazily by widget.js; every chunk
//   <name>.<hash>.js    it imports with import() (a lazy part: a locale, a picker, ...) is split out by
//                       Rollup and named the same way. Content-hashed, so the server caches them forever.
//   manifest.json       each entry's hashed file name ({ "ui": "ui.1a2b3c4d5e.js" })
//   parley.esm.js       the ES module for single-page apps (a stable URL, short cache): boot() mounts the
//                       UI it imports statically; its lazy parts and locales are <name>.<hash>.js chunks
//                       beside it, which it loads with import() relative to its own URL (as the UI does)
//   widget.js           the loader the script tag loads (IIFE, budget 3 KB gzipped; stable URL, short
//                       cache), built last: the manifest of the parts above is baked into it, so it
//                       finds the hashed files without a request of its own.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chunkManifest, HASHED } from '../scripts/build/chunk-manifest.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const DIST = fileURLToPath(new URL('../dist/widget/', import.meta.url));

/**
 * The widget's JSX compiles to the Preact core's createElement(type, props, ...children) (esbuild's
 * classic transform): no `children` array at every element and no second vnode factory beside the one
 * render() needs anyway. This gives each .tsx file the import that transform calls (`__h`, `__F`; an
 * unused one is dropped); tsc checks the same files against Preact's JSX types (tsconfig.json).
 */
const jsxFactory = () => ({
  name: 'parley-jsx-factory',
  transform: (code, id) => (id.endsWith('.tsx') ? { code: "import { createElement as __h, Fragment as __F } from 'preact';\n" + code, map: null } : null),
});

const plugins = () => [
  jsxFactory(),
  nodeResolve({ extensions: ['.ts', '.tsx', '.mjs', '.js'], browser: true }),
  esbuild({
    target: 'es2022',
    jsx: 'transform',
    jsxFactory: '__h',
    jsxFragment: '__F',
    minify: true,
    legalComments: 'none',
    // Not tsconfig.json: its automatic JSX runtime (for tsc and the dashboard) would override the above.
    tsconfig: false,
  }),
  // esbuild strips the types fast; terser then compresses harder (two passes, property-level
  // constant folding) than esbuild's minifier: the widget's weight is a feature.
  terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
];
/** A language's lazy-part strings (part-locales/en.ts) are parts-en.<hash>.js beside its catalogue en.<hash>.js. */
const chunkFileNames = (chunk) => (/[\\/]part-locales[\\/]/.test(chunk.facadeModuleId || '') ? 'parts-' + HASHED : HASHED);

const quiet = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

/** The parts, writing into `outDir` (the budget test builds into a temp dir). */
export function widgetParts(outDir = DIST) {
  const manifest = chunkManifest();
  return [
    {
      // Lazy entries: add one here (name -> file) and the loader finds it as __PARLEY_CHUNKS__[name].
      input: { ui: here('./ui-entry.ts') },
      output: { dir: outDir, format: 'es', entryFileNames: HASHED, chunkFileNames, hashCharacters: 'hex' },
      plugins: [...plugins(), manifest.record()],
      onwarn: quiet,
    },
    {
      input: { esm: here('./esm.ts') },
      // Split like the UI, not inlined: a visitor fetches only their own language and the parts they use.
      output: { dir: outDir, format: 'es', entryFileNames: 'parley.esm.js', chunkFileNames, hashCharacters: 'hex' },
      plugins: plugins(),
      onwarn: quiet,
    },
    {
      input: here('./loader.ts'),
      output: { file: join(outDir, 'widget.js'), format: 'iife', strict: true },
      plugins: [manifest.inject('__PARLEY_CHUNKS__'), ...plugins()],
      onwarn: quiet,
    },
  ];
}

export default widgetParts();
