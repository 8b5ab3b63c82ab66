import type { ErasureRequest, ErasureRequestInfo, ErasureRequestStatus } from '../../protocol/schema/privacy.ts';
import { Topics } from '../bus/bus.ts';
import { fail, ParleyError } from '../errors.ts';
import { retryIn, type ThrottleRule } from '../net/throttle.ts';
import { requireAdmin, requireVisitor } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { eraseVisitor, type ErasureSummary } from './privacy-erase.ts';
import { publishAll } from './routing.ts';
import { newId } from '../store/ids.ts';
import { erasureRequestedDeliveries } from '../webhooks/events.ts';

/** The use cases, bound to one domain's context (Domain.erasureRequests). */
export interface ErasureRequests {
  request(p: Principal, ip: string | undefined): Promise<ErasureRequest>;
  mine(p: Principal): Promise<ErasureRequest | null>;
  list(p: Principal, status?: ErasureRequestStatus): Promise<ErasureRequestInfo[]>;
  confirm(p: Principal, id: string): Promise<{ request: ErasureRequestInfo; erased: ErasureSummary }>;
  decline(p: Principal, id: string): Promise<ErasureRequestInfo>;
}

export function createErasureRequests(ctx: DomainContext): ErasureRequests {
  return {
    request: (p, ip) => requestErasure(ctx, p, ip),
    mine: (p) => myErasureRequest(ctx, p),
    list: (p, status) => listErasureRequests(ctx, p, status),
    confirm: (p, id) => confirmErasureRequest(ctx, p, id),
    decline: (p, id) => declineErasureRequest(ctx, p, id),
  };
}

/** How many requests one list shows at most (pending ones oldest first: the admin works from the top). */
export const ERASURE_REQUESTS_LISTED = 200;

/**
 * A visitor's erasure request from the widget ("Delete my data", issue 20), for themselves only: the
 * principal is the visitor their token names, and nothing else can be named. Asking again while one is
 * pending answers that one and costs nothing. Otherwise a request costs one of the address's
 * PARLEY_ERASURE_REQUESTS_PER_IP per window (a visitor session costs nothing, so one address could
 * otherwise file a request per fresh visitor), and the site takes at most
 * PARLEY_ERASURE_REQUESTS_PENDING_PER_SITE waiting at once. The site's staff are told (`erasure.requests`),
 * and its webhook endpoints for `erasure.requested` get a delivery.
 */
export async function requestErasure(ctx: DomainContext, p: Principal, ip: string | undefined): Promise<ErasureRequest> {
  const v = requireVisitor(p, 'Asking for erasure');
  const latest = await ctx.store.latestErasureRequest(v.siteId, v.visitorId);
  if (latest?.status === 'pending') return latest;
  const limits = ctx.config.serverLimits;
  if (ctx.throttle && ip) {
    const rule: ThrottleRule = { name: 'erasure-requests-ip', burst: limits.erasureRequestsPerIp, perSec: limits.erasureRequestsPerIp / (limits.erasureRequestsWindowMs / 1000) };
    const verdict = await ctx.throttle.take(`${v.siteId}|${ip}`, rule);
    if (!verdict.ok) {
      ctx.onLimit?.('erasure-requests-ip', { siteId: v.siteId, ip });
      fail('rate_limited', `Too many erasure requests from your address; ${retryIn(verdict.retryAfterSec)}.`);
    }
  }
  const id = newId('era');
  const at = ctx.now();
  // The site's endpoints for erasure.requested get their delivery with the request, in its transaction.
  const deliveries = erasureRequestedDeliveries(v.siteId, { id, visitorId: v.visitorId, requestedAt: at }, await ctx.store.listWebhooks(v.siteId));
  const r = await ctx.store.requestErasure({ id, siteId: v.siteId, visitorId: v.visitorId, at, maxPendingPerSite: limits.erasureRequestsPendingPerSite, deliveries });
  if ('refused' in r) {
    if (r.refused === 'unknown') fail('unauthorized', 'This visitor no longer exists.');
    ctx.onLimit?.('erasure-requests-site', { siteId: v.siteId, ip });
    return fail('quota_exceeded', 'This site has too many erasure requests waiting right now; try again later, or write to the site.');
  }
  if (r.created) await announce(ctx, v.siteId);
  return r.request;
}

/** The visitor's latest request (pending or declined; a confirmed one erased them), or null. */
export async function myErasureRequest(ctx: DomainContext, p: Principal): Promise<ErasureRequest | null> {
  const v = requireVisitor(p, 'Reading an erasure request');
  return ctx.store.latestErasureRequest(v.siteId, v.visitorId);
}

/** Admins: the site's requests with that status (pending by default). */
export async function listErasureRequests(ctx: DomainContext, p: Principal, status: ErasureRequestStatus = 'pending'): Promise<ErasureRequestInfo[]> {
  const admin = requireAdmin(p, 'Reading erasure requests');
  return ctx.store.listErasureRequests(admin.siteId, status, ERASURE_REQUESTS_LISTED);
}

/**
 * Admins: carries a pending request out. It is the erasure of privacy-erase.ts for the visitor who
 * asked, and that erasure marks the request confirmed in its own transaction (by this admin).
 */
export async function confirmErasureRequest(ctx: DomainContext, p: Principal, id: string): Promise<{ request: ErasureRequestInfo; erased: ErasureSummary }> {
  const admin = requireAdmin(p, 'Confirming an erasure request');
  const request = await pendingRequest(ctx, admin.siteId, id);
  let erased: ErasureSummary;
  try {
    erased = await eraseVisitor(ctx, p, { visitorId: request.visitorId });
  } catch (err) {
    // Another admin's confirmation (or an erasure by lookup) was first: the visitor is gone.
    if (err instanceof ParleyError && err.code === 'not_found') await pendingRequest(ctx, admin.siteId, id);
    throw err;
  }
  const after = await ctx.store.getErasureRequest(admin.siteId, id);
  await announce(ctx, admin.siteId);
  return { request: after ?? request, erased };
}

/** Admins: turns a pending request down; nothing is erased, and the visitor's widget says so. */
export async function declineErasureRequest(ctx: DomainContext, p: Principal, id: string): Promise<ErasureRequestInfo> {
  const admin = requireAdmin(p, 'Declining an erasure request');
  await pendingRequest(ctx, admin.siteId, id);
  const declined = await ctx.store.declineErasureRequest({ siteId: admin.siteId, id, by: admin.staffId, at: ctx.now() });
  if (!declined) {
    await pendingRequest(ctx, admin.siteId, id); // decided meanwhile: says how
    return fail('conflict', 'This erasure request was decided meanwhile.');
  }
  await announce(ctx, admin.siteId);
  return declined;
}

async function pendingRequest(ctx: DomainContext, siteId: string, id: string): Promise<ErasureRequestInfo> {
  const r = await ctx.store.getErasureRequest(siteId, id);
  if (!r) fail('not_found', 'No such erasure request.');
  if (r!.status !== 'pending') fail('conflict', `This erasure request was ${r!.status} already.`);
  return r!;
}

/** Tells the site's open dashboards how many wait now (a hint: they read the list). */
async function announce(ctx: DomainContext, siteId: string): Promise<void> {
  const pending = await ctx.store.countPendingErasureRequests(siteId);
  await publishAll(ctx.bus, [Topics.siteStaff(siteId)], { kind: 'erasure.requests', pending }, ctx.onPublishError);
}
