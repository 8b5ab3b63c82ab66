/**
 * Who is calling, after a token has been verified. Every domain use case takes one and authorizes
 * against it: a visitor touches only their own conversations, staff only their own site's.
 */
export type Principal =
  | { kind: 'visitor'; siteId: string; visitorId: string }
  | { kind: 'staff'; siteId: string; staffId: string; role: 'admin' | 'agent'; sessionId: string };

/** One key per visitor or staff member (rate limits, logs). */
export const principalKey = (p: Principal): string => (p.kind === 'staff' ? `staff:${p.staffId}` : `visitor:${p.visitorId}`);
