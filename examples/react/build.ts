// `npm run example:react`: builds the React example the way a site developer's app is built. The two
// packages are packed (npm pack, as they would be published) and installed from those tarballs into a
// scratch project; esbuild bundles main.tsx against them, with React from this repository's devDependencies.
// Output: dist/examples/react/app.js, served by the example server at /react/.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { run } from '../../scripts/release/make-release.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REACT_EXAMPLE_DIR = join(ROOT, 'dist', 'examples', 'react');

export async function buildReactExample(): Promise<{ tarballs: string[]; ms: number }> {
  const started = performance.now();
  const scratch = await mkdtemp(join(tmpdir(), 'parley-react-example-'));
  try {
    for (const pkg of ['widget', 'react']) await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: join(ROOT, 'packages', pkg) });
    const tarballs = (await readdir(scratch)).filter((f) => f.endsWith('.tgz')).sort();
    const dependency = (name: string) => `file:${join(scratch, tarballs.find((t) => t.startsWith(name))!)}`;
    await writeFile(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'parley-react-example', private: true, dependencies: { '@parley/widget': dependency('parley-widget-'), '@parley/react': dependency('parley-react-') } }),
    );
    // React itself comes from this repository (a devDependency), as an app would bring its own.
    await run('npm', ['install', '--omit=peer', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: scratch });
    await build({
      entryPoints: [join(ROOT, 'examples/react/main.tsx')],
      outfile: join(REACT_EXAMPLE_DIR, 'app.js'),
      bundle: true,
      format: 'esm',
      target: 'es2020',
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'react',
      define: { 'process.env.NODE_ENV': '"production"' },
      nodePaths: [join(scratch, 'node_modules'), join(ROOT, 'node_modules')],
      logLevel: 'warning',
    });
    return { tarballs, ms: performance.now() - started };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { tarballs, ms } = await buildReactExample();
  console.log(`dist/examples/react/app.js from ${tarballs.join(' and ')} in ${(ms / 1000).toFixed(1)} s; npm start serves it at /react/`);
}
