import type { Actor } from '../../protocol/index.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

/**
 * The display name other people see for an actor: a staff member's name; a visitor's name from
 * signed claims, else their stable label ("Blue Otter"). Undefined when the record is gone.
 */
export async function actorName(ctx: DomainContext, actor: Actor): Promise<string | undefined> {
  if (actor.kind === 'staff') return (await ctx.staffNames.get(actor.id)) || undefined;
  const visitor = await ctx.store.getVisitor(actor.id);
  return visitor ? visitor.name || visitor.label : undefined;
}

/**
 * The name a staff principal acts under: an API token acting as itself is a bot named like the token
 * (its id is no staff member's); anyone else is their staff name. Without a promise when no store read
 * is needed (the token's name, or a cached one), so a lone send awaits nothing for it (findings.md
 * #17); the cache is asked once either way.
 */
export function staffPrincipalName(ctx: DomainContext, p: Extract<Principal, { kind: 'staff' }>): string | undefined | Promise<string | undefined> {
  return p.apiToken?.id === p.staffId ? p.apiToken.name : ctx.staffNames.name(p.staffId);
}
