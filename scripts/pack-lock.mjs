// `npm pack` of Parley makes a release: the built server and UIs, and the exact dependency tree to install
// them with. npm never packs package-lock.json, but it does pack npm-shrinkwrap.json (the same format, meant
// for applications), so prepack writes one from the lock and postpack removes it again:
//   tar xzf parley-<version>.tgz && cd package && npm ci --omit=dev && node dist/server/main.js
import { copyFileSync, rmSync } from 'node:fs';

const lock = new URL('../package-lock.json', import.meta.url);
const shrinkwrap = new URL('../npm-shrinkwrap.json', import.meta.url);

if (process.argv.includes('--remove')) rmSync(shrinkwrap, { force: true });
else copyFileSync(lock, shrinkwrap);
