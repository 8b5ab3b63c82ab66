import type { StaffAvailability } from '../../../protocol/index.ts';
import type { AssignmentRules } from './assignment-settings.ts';

/**
 * Whether agents are there but none can take a new conversation: automatic assignment is on, someone
 * is online, and every online agent holds their capacity (an agent with capacity 0 takes none). Then a
 * new conversation waits in the queue, and visitors are told so instead of "online". With assignment
 * off there is no capacity: an online agent picks conversations by hand.
 */
export function agentsFull(rules: AssignmentRules, statuses: Map<string, StaffAvailability>, loads: Record<string, number>): boolean {
  if (!rules.strategy) return false;
  const online = [...statuses].filter(([, status]) => status === 'online').map(([id]) => id);
  return online.length > 0 && online.every((id) => (loads[id] ?? 0) >= rules.capacityOf(id));
}
