import { fail } from '../errors.ts';
import { retryIn, type ThrottleRule } from '../net/throttle.ts';
import type { DomainContext } from './context.ts';

/**
 * New conversations per client IP (on one site) and per site, per window
 * (config.serverLimits.newConversations*): opening a visitor session costs nothing, so without it a
 * loop of session -> hello -> send fills a site's inbox (209 conversations in 15 s from one IP). Each
 * is a token bucket of the window's allowance refilled over the window, shared by every process
 * through the throttle. Messages into an open conversation are not counted.
 */
export async function checkNewConversation(ctx: DomainContext, siteId: string, ip: string | undefined): Promise<void> {
  if (!ctx.throttle) return;
  const { newConversationsPerIp: perIp, newConversationsPerSite: perSite, newConversationsWindowMs: windowMs } = ctx.config.serverLimits;
  const rule = (name: string, allowed: number): ThrottleRule => ({ name, burst: allowed, perSec: allowed / (windowMs / 1000) });
  if (ip) {
    const verdict = await ctx.throttle.take(`${siteId}|${ip}`, rule('conversations-ip', perIp));
    if (!verdict.ok) {
      ctx.onLimit?.('new-conversations-ip', { siteId, ip });
      fail('rate_limited', `Too many new conversations from your address; ${retryIn(verdict.retryAfterSec)}, or write in your open conversation.`);
    }
  }
  const verdict = await ctx.throttle.take(siteId, rule('conversations-site', perSite));
  if (!verdict.ok) {
    ctx.onLimit?.('new-conversations-site', { siteId, ip });
    fail('rate_limited', `This site is receiving too many new conversations right now; ${retryIn(verdict.retryAfterSec)}.`);
  }
}
