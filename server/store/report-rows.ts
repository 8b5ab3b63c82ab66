/**
 * What a report is computed from (server/domain/reports.ts), as both stores read it: aggregates the
 * database computes over the site's rows in the range (counts per day, per agent, per score, and the
 * middle values of each duration's order), so a year of 100,000 conversations comes back as a few
 * hundred rows rather than one row per conversation (materializing those in JavaScript was most of a
 * year's report: bench/findings.md #10). The arithmetic left (a median from its middle values, an
 * average from counts) is in the domain, once for both dialects.
 */
export interface ReportRows {
  /** Day number (days since the epoch in the asker's zone) -> conversations opened that day. */
  openedByDay: { day: number; n: number }[];
  /** Conversations resolved in the range (at their latest resolve), per day and per resolver. */
  resolvedByDay: { day: number; n: number }[];
  resolvedByAgent: { staffId: string; n: number }[];
  /** First staff reply after creation, for conversations opened in the range: overall and per replier. */
  firstResponse: MiddleRow[];
  /** From creation to the latest resolve, for conversations resolved in the range: overall only. */
  resolution: MiddleRow[];
  /** Ratings given or changed in the range, counted per assignee (null: none) and score. */
  ratings: { assigneeId: string | null; score: number; n: number }[];
}

/**
 * One of the middle values (one for an odd count, two for an even one) of a group's durations in
 * order, with the group's size: `staffId` null is the group of all of them. The median is the mean
 * of a group's middle values, so a store that computes the median itself gives it as the only one.
 */
export interface MiddleRow {
  staffId: string | null;
  ms: number;
  n: number;
}

export interface ReportRange {
  siteId: string;
  from: number;
  to: number;
  /** Minutes east of UTC. */
  tzOffset: number;
}

/** The first staff reply of each conversation opened in the range (the widget's usual reply time filters them by business hours). */
export interface FirstReply {
  afterMs: number;
  openedAt: number;
}
