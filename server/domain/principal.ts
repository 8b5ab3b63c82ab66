/**
 * Who is calling, after a token has been verified. Every domain use case takes one and authorizes
 * against it: a visitor touches only their own conversations, staff only their own site's.
 */
export type Principal =
  /** `identityKey`: an identified visitor's session names the identity secret that vouched for it. */
  | { kind: 'visitor'; siteId: string; visitorId: string; identityKey?: string }
  | { kind: 'staff'; siteId: string; staffId: string; role: 'admin' | 'agent'; sessionId: string; apiToken?: ApiTokenActor };

/**
 * A staff principal made from an API token (server/apitokens/): its scopes, and its name. When the
 * token acts as itself, `staffId` is the token's id and messages carry the token's name (a bot);
 * acting as a named agent, `staffId` is that agent's.
 */
export interface ApiTokenActor {
  id: string;
  name: string;
  scopes: readonly ('read' | 'write' | 'admin')[];
}

/** One key per visitor or staff member (rate limits, logs). */
export const principalKey = (p: Principal): string => (p.kind === 'staff' ? `staff:${p.staffId}` : `visitor:${p.visitorId}`);
