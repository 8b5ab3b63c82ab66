/**
 * The text of every benchmark message: who sent it, the phase, the message number and the time it
 * was scheduled to be sent (performance.now() of the generator that measures it). Latency runs from
 * the scheduled time, not the actual send, so a generator that falls behind shows up as latency
 * instead of silently sending less (no coordinated omission).
 */
export interface Tag {
  from: 'v' | 's';
  phase: number;
  k: number;
  t: number;
}

export const formatTag = (tag: Tag) => `${tag.from}|${tag.phase}|${tag.k}|${tag.t.toFixed(3)}`;

export function parseTag(text: string): Tag | null {
  const p = text.split('|');
  if (p.length !== 4 || (p[0] !== 'v' && p[0] !== 's')) return null;
  return { from: p[0], phase: Number(p[1]), k: Number(p[2]), t: Number(p[3]) };
}
