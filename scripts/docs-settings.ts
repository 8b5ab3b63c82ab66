// `npm run docs:settings`: rewrites the settings table in docs/deploy.md from server/config.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from '../server/config/docs-table.ts';

const file = new URL('../docs/deploy.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = withSettingsTable(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'docs/deploy.md: settings table already current' : 'docs/deploy.md: settings table rewritten');
