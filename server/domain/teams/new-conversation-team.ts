import type { DomainContext } from '../context.ts';
import { teamOfPage } from './page-rule.ts';

/**
 * The team a visitor's new conversation belongs to: the one they chose in the pre-chat form, if the
 * site still offers it; else the first page rule matching the page they are on; else none (any
 * agent). Read when the conversation is created and stored in the same transaction (teamId of the
 * append), so automatic assignment never sees it without its team.
 */
export async function newConversationTeam(ctx: DomainContext, siteId: string, visitorId: string): Promise<string | null> {
  const site = await ctx.store.getSite(siteId);
  const s = site?.settings;
  if (!s || (!s.teamRules?.length && !s.teamPicker)) return null;
  const visitor = await ctx.store.getVisitor(visitorId);
  if (!visitor) return null;
  const teams = new Set((await ctx.store.listTeams(siteId)).map((t) => t.id));
  const chosen = visitor.context.teamId;
  if (chosen && teams.has(chosen) && s.teamPicker?.options.some((o) => o.teamId === chosen)) return chosen;
  return teamOfPage(s.teamRules, visitor.context.url, (id) => teams.has(id));
}
