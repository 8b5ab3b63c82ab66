import type { Actor } from '../../protocol/index.ts';
import type { DomainContext } from './context.ts';

/**
 * The display name other people see for an actor: a staff member's name; a visitor's name from
 * signed claims, else their stable label ("Blue Otter"). Undefined when the record is gone.
 */
export async function actorName(ctx: DomainContext, actor: Actor): Promise<string | undefined> {
  if (actor.kind === 'staff') return (await ctx.staffNames.get(actor.id)) || undefined;
  const visitor = await ctx.store.getVisitor(actor.id);
  return visitor ? visitor.name || visitor.label : undefined;
}
