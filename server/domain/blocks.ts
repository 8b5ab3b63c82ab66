import { fail } from '../errors.ts';
import type { Block, Store } from '../store/store.ts';
import { requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

/**
 * Per-site blocks, for a site under attack by one person: staff block a visitor and, if they choose, the
 * address that visitor last came from. A blocked visitor or address cannot open a session, connect, or
 * send; their open sockets close at the next heartbeat (4003), their sends are refused at once. Blocks
 * are per site: the same address may still chat with another site on this server.
 */
export async function blockVisitor(ctx: DomainContext, p: Principal, visitorId: string, opts: { ip: boolean }): Promise<Block[]> {
  const staff = requireStaff(p, 'Blocking a visitor');
  const visitor = await ctx.store.getVisitor(visitorId);
  if (!visitor || visitor.siteId !== staff.siteId) return fail('not_found', 'No such visitor.');
  const at = ctx.now();
  const blocks = [await ctx.store.addBlock({ siteId: staff.siteId, kind: 'visitor', value: visitorId, createdBy: staff.staffId, createdAt: at })];
  if (opts.ip) {
    const ip = await ctx.store.visitorAddress(visitorId);
    if (ip) blocks.push(await ctx.store.addBlock({ siteId: staff.siteId, kind: 'ip', value: ip, createdBy: staff.staffId, createdAt: at }));
  }
  ctx.onLimit?.('visitor-blocked', { siteId: staff.siteId, visitorId, by: staff.staffId, ip: blocks[1]?.value });
  return blocks;
}

export async function unblock(ctx: DomainContext, p: Principal, id: string): Promise<void> {
  const staff = requireStaff(p, 'Unblocking');
  if (!(await ctx.store.removeBlock(staff.siteId, id))) fail('not_found', 'No such block.');
}

export async function listBlocks(ctx: DomainContext, p: Principal): Promise<Block[]> {
  return ctx.store.listBlocks(requireStaff(p, 'The block list').siteId);
}

/** Refuses a blocked visitor or address of a site with `blocked`. One promise (it runs on every visitor send). */
export function checkNotBlocked(store: Pick<Store, 'findBlock'>, siteId: string, who: { visitorId?: string; ip?: string }): Promise<void> {
  return store.findBlock(siteId, who).then(refuseBlocked);
}

function refuseBlocked(block: Block | null): void {
  if (block) fail('blocked', 'This chat is not available to you.');
}
