import { PRIORITIES, type Priority } from '../../protocol/index.ts';

/** What setTriage takes: the new priority and/or the whole new label set. */
export interface TriageInput {
  conversationId: string;
  priority?: Priority;
  labels?: string[];
  by: { kind: 'staff'; id: string };
  byName?: string;
  at: number;
}

/** Priorities are stored as their rank (none 0 … urgent 4), so the inbox sorts by the column. */
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);
export const priorityOf = (rank: number | null | undefined): Priority => PRIORITIES[Number(rank ?? 0)] ?? 'none';

/** Labels as stored: a JSON array, sorted, no repeats. */
export const parseLabels = (json: string | null | undefined): string[] => (json ? (JSON.parse(json) as string[]) : []);

/**
 * What a triage change does to the row, for the event: null when nothing changes (no event).
 * `changes` reports the new priority and the labels added and removed.
 */
export function triageChange(
  row: { priority: number; labels: string[] },
  input: TriageInput,
): { priority: Priority; labels: string[]; changes: { priority?: Priority; added?: string[]; removed?: string[] } } | null {
  const changes: { priority?: Priority; added?: string[]; removed?: string[] } = {};
  const before = priorityOf(row.priority);
  const priority = input.priority ?? before;
  if (priority !== before) changes.priority = priority;
  const labels = input.labels ? [...new Set(input.labels)].sort() : row.labels;
  const added = labels.filter((l) => !row.labels.includes(l));
  const removed = row.labels.filter((l) => !labels.includes(l));
  if (added.length) changes.added = added;
  if (removed.length) changes.removed = removed;
  if (changes.priority === undefined && !added.length && !removed.length) return null;
  return { priority, labels, changes };
}
