// Build parts for the widget; /rollup.config.mjs gathers them. Outputs go to dist/widget/:
//   widget.js       the loader the script tag loads (IIFE, budget 3 KB gzipped)
//   ui.js           Preact + client core + UI, loaded lazily by widget.js (IIFE)
//   parley.esm.js   everything in one ES module for single-page apps
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const outDir = fileURLToPath(new URL('../dist/widget/', import.meta.url));

const plugins = () => [
  nodeResolve({ extensions: ['.ts', '.tsx', '.mjs', '.js'], browser: true }),
  esbuild({
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  }),
];
const quiet = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

export default [
  {
    input: here('./loader.ts'),
    output: { file: outDir + 'widget.js', format: 'iife', strict: true },
    plugins: plugins(),
    onwarn: quiet,
  },
  {
    input: here('./ui-entry.ts'),
    output: { file: outDir + 'ui.js', format: 'iife', strict: true },
    plugins: plugins(),
    onwarn: quiet,
  },
  {
    input: here('./esm.ts'),
    output: { file: outDir + 'parley.esm.js', format: 'es' },
    plugins: plugins(),
    onwarn: quiet,
  },
];
