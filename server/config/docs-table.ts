import { allSettings, TOOL_VARIABLES } from '../config.ts';
import type { Setting } from './settings.ts';

/**
 * The settings table of docs/deploy.md, rendered from the table in server/config.ts so the two cannot
 * drift: `npm run docs:settings` writes it between the markers, and docs-table.test.ts fails when the file
 * holds anything else.
 */
export const TABLE_START = '<!-- settings: generated from server/config.ts by `npm run docs:settings`; edit there -->';
export const TABLE_END = '<!-- end of settings -->';

export function renderSettingsTable(): string {
  const rows = allSettings().map(({ option, setting }) => `| \`${setting.env}\` | \`${option}\` | ${shownDefault(setting)} | ${setting.doc} |`);
  const tools = TOOL_VARIABLES.map((v) => `\`${v}\``).join(', ');
  const note = `Parley's own tools (tests, screenshots) also read ${tools}; the server ignores them without a warning.`;
  return ['| variable | option | default | meaning |', '|---|---|---|---|', ...rows, '', note].join('\n');
}

function shownDefault(s: Setting<unknown>): string {
  if (s.shownDefault) return s.shownDefault;
  const v = s.fallback;
  if (v === null || (Array.isArray(v) && v.length === 0)) return '(none)';
  return '`' + String(v) + '`';
}

/** `doc` with the part between the markers replaced by the current table. */
export function withSettingsTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/deploy.md lost its settings table markers');
  return doc.slice(0, start + TABLE_START.length) + '\n' + renderSettingsTable() + '\n' + doc.slice(end);
}
