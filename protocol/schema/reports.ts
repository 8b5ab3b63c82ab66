import Type from 'typebox';
import { Closed, Millis } from './common.ts';

/** GET /api/v1/reports: the range [from, to) in epoch ms, and the asker's time zone for the days. */
export const ReportQuery = Closed({
  from: Millis,
  to: Millis,
  /** Minutes east of UTC (UTC+2: 120), so days start at the asker's midnight. Default 0. */
  tzOffset: Type.Optional(Type.Integer({ minimum: -840, maximum: 840, description: 'minutes east of UTC, -840 to 840' })),
});
export type ReportQuery = Type.Static<typeof ReportQuery>;
