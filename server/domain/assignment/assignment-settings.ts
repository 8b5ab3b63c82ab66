import type { SiteSettings } from '../../../protocol/index.ts';
import type { AssignmentStrategy } from '../../store/assignment-records.ts';

/** A site's automatic assignment, with the server's defaults filled in. */
export interface AssignmentRules {
  strategy: AssignmentStrategy | null;
  /** Open assigned conversations an agent may hold (their own setting, else the site's, else the server's). */
  capacityOf(staffId: string): number;
  /** An agent away or offline this long has what waits on them returned to the queue; 0: never. */
  awayTimeoutMs: number;
}

/** How the site assigns conversations; null when it does not (the one reading of "assignment is off"). */
function strategyOf(settings: SiteSettings): AssignmentRules['strategy'] {
  const a = settings.assignment;
  return !a || a.mode === 'off' ? null : a.mode;
}

/** Does the site assign conversations (and so keep a queue)? */
export const assignmentOn = (settings: SiteSettings): boolean => strategyOf(settings) !== null;

export function assignmentRules(settings: SiteSettings, defaultCapacity: number): AssignmentRules {
  const a = settings.assignment;
  const strategy = strategyOf(settings);
  const siteCapacity = a?.capacity ?? defaultCapacity;
  return {
    strategy,
    capacityOf: (staffId) => a?.agents?.[staffId] ?? siteCapacity,
    awayTimeoutMs: (a?.awayTimeoutMinutes ?? 0) * 60_000,
  };
}

/** What visitors may see of a site's settings: the assignment rules (staff ids, capacities) and the page rules are staff business. */
export function visitorSettings(settings: SiteSettings): SiteSettings {
  if (!settings.assignment && !settings.teamRules) return settings;
  const { assignment: _staffOnly, teamRules: _staffRules, ...rest } = settings;
  return rest;
}
