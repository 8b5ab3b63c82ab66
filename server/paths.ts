import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Parley's files are, wherever this code runs from: server/ under tsx in a checkout, or the built
 * dist/server/ (entry or chunk) in a checkout, an unpacked release or node_modules/parley. The package
 * root is the nearest folder above this module holding a package.json.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: Parley's files are not where they should be.`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
/** The built UIs (dist/widget, dist/dashboard) and server (dist/server). */
export const DIST_DIR = join(PACKAGE_ROOT, 'dist');
/** The example pages npm start serves with the demo site. */
export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');
