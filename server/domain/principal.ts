/**
 * Who is calling, after a token has been verified. Every domain use case takes one and authorizes
 * against it: a visitor touches only their own conversations, staff only their own site's.
 */
export type Principal =
  | { kind: 'visitor'; siteId: string; visitorId: string }
  | { kind: 'staff'; siteId: string; staffId: string; role: 'admin' | 'agent'; sessionId: string };
