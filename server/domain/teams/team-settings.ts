import type { SiteSettings } from '../../../protocol/index.ts';
import { fail } from '../../errors.ts';
import type { DomainContext } from '../context.ts';

/** Site settings naming teams (page rules, the pre-chat choice) name teams the site has: unknown_team otherwise. */
export async function checkTeamSettings(ctx: DomainContext, siteId: string, settings: SiteSettings): Promise<void> {
  const named = [...(settings.teamRules ?? []).map((r, i) => [`settings.teamRules[${i}]`, r.teamId]), ...(settings.teamPicker?.options ?? []).map((o, i) => [`settings.teamPicker.options[${i}]`, o.teamId])];
  if (named.length === 0) return;
  const ids = new Set((await ctx.store.listTeams(siteId)).map((t) => t.id));
  const unknown = named.find(([, id]) => !ids.has(id));
  if (unknown) fail('unknown_team', `${unknown[0]} names team ${unknown[1]}, which this site does not have (GET /api/v1/teams lists them).`);
}

/**
 * The settings with a deleted team's page rules and pre-chat option taken out, or null when none named it.
 * A choice left with no option is dropped (the schema asks for at least one): the widget asks no team then.
 */
export function settingsWithoutTeam(settings: SiteSettings, teamId: string): SiteSettings | null {
  const rules = settings.teamRules?.filter((r) => r.teamId !== teamId);
  const options = settings.teamPicker?.options.filter((o) => o.teamId !== teamId);
  const rulesChanged = rules !== undefined && rules.length !== settings.teamRules!.length;
  const pickerChanged = options !== undefined && options.length !== settings.teamPicker!.options.length;
  if (!rulesChanged && !pickerChanged) return null;
  const { teamPicker: _picker, ...rest } = settings;
  return {
    ...rest,
    ...(rulesChanged ? { teamRules: rules } : {}),
    ...(options?.length ? { teamPicker: { ...settings.teamPicker!, options } } : {}),
  };
}
