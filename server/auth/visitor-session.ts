import { visitorSettings } from '../domain/assignment/assignment-settings.ts';
import type { VisitorContext, VisitorSessionRequest, VisitorSessionResponse, Visitor } from '../../protocol/index.ts';
import { fail, ParleyError } from '../errors.ts';
import type { SiteRecord, Store } from '../store/store.ts';
import { identityKeyLive, verifySiteUserToken, type SiteUser } from './identity.ts';
import { newId } from '../store/ids.ts';
import { isOriginAllowed } from './origin.ts';
import type { TokenService } from './tokens.ts';
import { visitorLabel } from './visitor-label.ts';

/**
 * Opens (or reopens) a visitor session for the widget:
 * - the site is found by its public key and the request's Origin must be allowed by it;
 * - a still-valid visitor token of the same site keeps that visitor (and their conversations);
 * - a site user JWT makes the visitor identified: found or created by (site, sub); an anonymous
 *   visitor from the same browser is merged into it so the conversation they started is kept;
 * - the answer carries a fresh visitor token.
 * An invalid or expired visitor token is not an error: the widget simply gets a new visitor.
 * An invalid user token is an error: the site's backend must learn its JWT is wrong.
 */
export interface VisitorSessionDeps {
  store: Store;
  tokens: TokenService;
  clockToleranceSec: number;
  now: () => number;
  /** Whether the server sends email (SitePublic.email): the widget then offers transcripts and the offline email form. */
  emailEnabled: boolean;
}

export async function openVisitorSession(
  deps: VisitorSessionDeps,
  req: VisitorSessionRequest,
  origin: string | null,
): Promise<VisitorSessionResponse> {
  const { store, now } = deps;
  if (!req || typeof req.siteKey !== 'string' || !req.siteKey) fail('bad_request', 'siteKey is required.');
  const site = await store.getSiteByKey(req.siteKey);
  if (!site) return fail('not_found', 'No site has this site key.');
  if (!isOriginAllowed(site.allowedOrigins, origin)) {
    fail('origin_not_allowed', `Origin ${String(origin).slice(0, 200)} is not allowed for this site.`);
  }

  const found = req.visitorToken ? await previousVisitor(deps, site, req.visitorToken) : null;
  const previous = found?.visitor ?? null;
  let visitor: Visitor;
  let identityKey = found?.identityKey;
  if (req.userToken) {
    const user = await verifySiteUserToken(site, req.userToken, { clockToleranceSec: deps.clockToleranceSec, now });
    visitor = await identifiedVisitor(store, site, user, req.context, now());
    identityKey = user.identityKey;
    if (previous && !previous.identified && previous.id !== visitor.id) await store.mergeVisitor(previous.id, visitor.id, now());
  } else if (previous) {
    visitor = await touch(store, previous, req.context, now());
  } else {
    const id = newId('vis');
    visitor = await store.createVisitor({ id, siteId: site.id, label: visitorLabel(id), context: req.context ?? {}, at: now() });
  }

  if (site.settings.requireIdentified && !(visitor.identified && identityKey)) {
    fail('forbidden', 'This site chats only with signed-in users: the page must pass a user token (identify).');
  }
  const { token, expiresAt } = await deps.tokens.signVisitor(site.id, visitor.id, visitor.identified ? identityKey : undefined);
  const conversations = await store.listVisitorConversations(visitor.id, { forVisitor: true });
  return {
    visitorToken: token,
    expiresAt,
    visitor,
    site: { key: site.key, name: site.name, settings: visitorSettings(site.settings), email: deps.emailEnabled },
    conversations,
  };
}

/**
 * The visitor of a still-valid token of this site; null for anything else (expired, other site, staff,
 * or an identified session whose identity secret was rotated out and its grace period is over).
 */
async function previousVisitor(deps: VisitorSessionDeps, site: SiteRecord, token: string): Promise<{ visitor: Visitor; identityKey?: string } | null> {
  try {
    const claims = await deps.tokens.verify(token);
    if (claims.kind !== 'visitor' || claims.siteId !== site.id) return null;
    if (claims.identityKey && !identityKeyLive(site, claims.identityKey, deps.now())) return null;
    const visitor = await deps.store.getVisitor(claims.visitorId);
    return visitor && visitor.siteId === site.id ? { visitor, identityKey: claims.identityKey } : null;
  } catch (err) {
    if (err instanceof ParleyError) return null;
    throw err;
  }
}

async function identifiedVisitor(store: Store, site: SiteRecord, user: SiteUser, context: VisitorContext | undefined, at: number): Promise<Visitor> {
  const existing = await store.findVisitorByExternalId(site.id, user.externalId);
  if (!existing) {
    const id = newId('vis');
    try {
      return await store.createVisitor({
        id,
        siteId: site.id,
        externalId: user.externalId,
        name: user.name,
        email: user.email,
        emailVerified: user.email ? true : undefined,
        label: visitorLabel(id),
        context: context ?? {},
        at,
      });
    } catch (err) {
      // Two tabs identifying at once: the other one created the row first; use it.
      const raced = await store.findVisitorByExternalId(site.id, user.externalId);
      if (!raced) throw err;
      return touch(store, raced, context, at, user);
    }
  }
  return touch(store, existing, context, at, user);
}

/** Updates last-seen, context and (for identified visitors) name/email from the signed claims. */
async function touch(store: Store, visitor: Visitor, context: VisitorContext | undefined, at: number, user?: SiteUser): Promise<Visitor> {
  const patch: Parameters<Store['updateVisitor']>[1] = { lastSeenAt: at };
  if (context) patch.context = context;
  if (user) {
    patch.identified = true;
    if (user.name && user.name !== visitor.name) patch.name = user.name;
    if (user.email && (user.email !== visitor.email || !visitor.emailVerified)) {
      patch.email = user.email;
      patch.emailVerified = true;
    }
  }
  return (await store.updateVisitor(visitor.id, patch)) ?? visitor;
}
