/**
 * Snooze presets, in the agent's local time: "in 1 hour", "tomorrow 9:00", "next Monday 9:00". The
 * clock is a parameter, so they are tested without waiting.
 */
export type SnoozePreset = 'hour' | 'tomorrow' | 'nextWeek';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'nextWeek'];

export function snoozeUntil(preset: SnoozePreset, now: number): number {
  if (preset === 'hour') return now + 60 * 60_000;
  const d = new Date(now);
  d.setHours(9, 0, 0, 0);
  if (preset === 'tomorrow') d.setDate(d.getDate() + 1);
  // Next week: the coming Monday (a week ahead when today is Monday).
  else d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  return d.getTime();
}

/** A datetime-local input's value ("2026-03-02T09:30") as epoch ms in local time; null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The value a datetime-local input shows for a time (local, minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
