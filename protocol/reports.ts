/**
 * GET /api/v1/reports (admins): how the site's support went over a range of days. Times are epoch
 * ms; durations ms; days are calendar days in the asker's time zone (`tzOffset`, minutes east of UTC).
 */
export interface Report {
  from: number;
  to: number;
  /** One entry per day of the range, in order, zeros included (a chart needs every day). */
  days: { day: string; opened: number; resolved: number }[];
  totals: { opened: number; resolved: number };
  /** From a conversation's creation to the first staff reply (notes excluded), for conversations opened in the range. */
  firstResponse: DurationStats;
  /** From creation to the resolve, for conversations resolved in the range (a reopened one counts at its latest resolve). */
  resolution: DurationStats;
  /** Ratings given or changed in the range. */
  csat: CsatStats;
  /** Per agent: resolves they made, first replies they gave, ratings of the conversations assigned to them. */
  agents: AgentReport[];
}

export interface DurationStats {
  /** null when there is nothing to measure. */
  medianMs: number | null;
  count: number;
}

export interface CsatStats {
  /** Mean score (1-5), null without ratings. */
  average: number | null;
  count: number;
  /** Ratings per score: [ones, twos, threes, fours, fives]. */
  distribution: [number, number, number, number, number];
}

export interface AgentReport {
  staffId: string;
  name: string;
  resolved: number;
  firstResponse: DurationStats;
  csat: Omit<CsatStats, 'distribution'>;
}
