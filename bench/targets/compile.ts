import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Servers under test run as plain JavaScript, bundled here once per run into bench/.out/ (git-ignored),
 * not under tsx: tsx compiles with esbuild's keepNames, which wraps every function in a __name()
 * call that gives each closure its own property array — about 4.6 KB more per idle Parley socket
 * (measured with heap snapshots; see findings.md). Packages stay external and resolve from the
 * repository's node_modules; the bundle sits two folders below the repository root so paths the
 * server computes from import.meta.url (../../dist) still point at the repository's dist/.
 */
const OUT = fileURLToPath(new URL('../.out/', import.meta.url));
const built = new Map<string, Promise<string>>();

export function compiled(entry: string, name: string): Promise<string> {
  let p = built.get(entry);
  if (!p) {
    const outfile = `${OUT}${name}.mjs`;
    p = build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      keepNames: false,
      logLevel: 'error',
    }).then(() => outfile);
    built.set(entry, p);
  }
  return p;
}
