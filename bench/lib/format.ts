/** Small formatters for the Markdown report. */
export const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
export const int = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-US'));
export const kib = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '–' : (bytes / 1024).toFixed(1));
export const mib = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '–' : (bytes / 2 ** 20).toFixed(0));
/** Parley ÷ baseline, e.g. "0.45×". */
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
