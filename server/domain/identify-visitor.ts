import type { Visitor } from '../../protocol/index.ts';
import { visitorLabel } from '../auth/visitor-label.ts';
import { newId } from '../store/ids.ts';
import { requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

export interface IdentifyVisitorInput {
  externalId: string;
  name?: string;
  email?: string;
}

/**
 * Staff (an integration's API token, usually) make the visitor of one of the site's users, by the site's
 * own user id, before that user ever opens the widget: the same visitor a signed user JWT with that
 * `sub` later resumes. Existing: name and email are updated from the call (they come from the site,
 * so an email given here counts as verified, like one in a signed JWT).
 */
export async function identifyVisitor(ctx: DomainContext, p: Principal, input: IdentifyVisitorInput): Promise<{ visitor: Visitor; created: boolean }> {
  const staff = requireStaff(p, 'Creating a visitor');
  const fields = { name: input.name?.trim() || undefined, email: input.email?.toLowerCase() };
  const existing = await ctx.store.findVisitorByExternalId(staff.siteId, input.externalId);
  if (existing) return { visitor: await update(ctx, existing, fields), created: false };
  const id = newId('vis');
  try {
    const visitor = await ctx.store.createVisitor({
      id,
      siteId: staff.siteId,
      externalId: input.externalId,
      ...fields,
      emailVerified: fields.email ? true : undefined,
      label: visitorLabel(id),
      context: {},
      at: ctx.now(),
    });
    return { visitor, created: true };
  } catch (err) {
    // Made at the same moment by a widget session or another call: use that one.
    const raced = await ctx.store.findVisitorByExternalId(staff.siteId, input.externalId);
    if (!raced) throw err;
    return { visitor: await update(ctx, raced, fields), created: false };
  }
}

async function update(ctx: DomainContext, visitor: Visitor, fields: { name?: string; email?: string }): Promise<Visitor> {
  const patch = { identified: true, ...(fields.name ? { name: fields.name } : {}), ...(fields.email ? { email: fields.email, emailVerified: true } : {}) };
  return (await ctx.store.updateVisitor(visitor.id, patch)) ?? visitor;
}
