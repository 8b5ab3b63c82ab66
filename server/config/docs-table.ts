import { FIELD_LIMIT_DOCS, FIELD_LIMITS } from '../../protocol/limits.ts';
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

export const FIELDS_START = '<!-- field limits: generated from protocol/limits.ts by `npm run docs:settings`; edit there -->';
export const FIELDS_END = '<!-- end of field limits -->';

/** The limits the schema set fixes (FIELD_LIMITS): one row each, the same over REST and WebSocket. */
export function renderFieldLimitsTable(): string {
  const rows = Object.entries(FIELD_LIMITS).map(([name, value]) => `| \`${name}\` | ${value} | ${FIELD_LIMIT_DOCS[name as keyof typeof FIELD_LIMITS]} |`);
  return ['| limit | value | what it limits |', '|---|---|---|', ...rows].join('\n');
}

/** `doc` with the parts between the markers replaced by the current tables (settings, field limits). */
export function withSettingsTable(doc: string): string {
  return between(between(doc, TABLE_START, TABLE_END, renderSettingsTable()), FIELDS_START, FIELDS_END, renderFieldLimitsTable());
}

function between(doc: string, startMarker: string, endMarker: string, table: string): string {
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`docs/deploy.md lost its table markers (${startMarker.slice(5, 30)}…)`);
  return doc.slice(0, start + startMarker.length) + '\n' + table + '\n' + doc.slice(end);
}
