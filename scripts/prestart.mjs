// Before `npm start`: in a checkout (the sources are here), build dist/ from them; in an unpacked release
// or a production install (dist/ only, no build tools), there is nothing to build.
import { existsSync } from 'node:fs';

const has = (p) => existsSync(new URL(`../${p}`, import.meta.url));

if (has('server/main.ts')) await import('./build.mjs');
else if (!has('dist/server/main.js')) {
  console.error('dist/server/main.js is missing: this copy of Parley has neither a build nor the sources to make one.');
  process.exit(1);
}
