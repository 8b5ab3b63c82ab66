/**
 * What a report is computed from (server/domain/reports.ts), as both stores read it in a few indexed
 * queries over the site's rows in the range: counts per day, and the durations and scores whose
 * medians and averages the domain takes (the same arithmetic for both dialects).
 */
export interface ReportRows {
  /** Day number (days since the epoch in the asker's zone) -> conversations opened that day. */
  openedByDay: { day: number; n: number }[];
  /** Conversations resolved in the range (their latest resolve): when, how long after creation, by whom. */
  resolves: { day: number; afterMs: number; staffId: string }[];
  /** Conversations opened in the range that got a staff reply: how long it took, who gave it. */
  firstResponses: { afterMs: number; staffId: string; openedAt: number }[];
  /** Ratings given or changed in the range, with the conversation's assignee. */
  ratings: { score: number; assigneeId: string | null }[];
}

export interface ReportRange {
  siteId: string;
  from: number;
  to: number;
  /** Minutes east of UTC. */
  tzOffset: number;
}
