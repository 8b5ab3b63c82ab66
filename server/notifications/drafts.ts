import { assigneeAfter, notificationFor, type DurableEvent, type NotificationPreferences } from '../../protocol/index.ts';
import type { NewNotification } from '../store/notification-records.ts';

/**
 * The notifications one batch of a site's events makes for its agents (protocol/notifications.ts
 * says what each event tells each agent). Events come in cursor order, so the assignee each one
 * needs is the one the conversation had just before it: what an earlier event of the batch said, else
 * `assigneesOf` (the store's, one read for the whole batch). Kinds an agent turned off make nothing.
 */
export async function draftsFor(input: {
  siteId: string;
  events: DurableEvent[];
  agents: string[];
  preferences: Map<string, NotificationPreferences>;
  assigneesOf: (conversationIds: string[]) => Promise<Map<string, string | null>>;
  at: number;
}): Promise<NewNotification[]> {
  const assignees = await assigneesBefore(input.events, input.assigneesOf);
  const out: NewNotification[] = [];
  for (const e of input.events) {
    const before = assignees.get(e.conversationId) ?? null;
    for (const staffId of input.agents) {
      const draft = notificationFor(e, staffId, before);
      if (!draft) continue;
      const prefs = input.preferences.get(staffId);
      if (prefs && !prefs.kinds.includes(draft.kind)) continue;
      out.push({ ...draft, siteId: input.siteId, staffId, at: input.at });
    }
    assignees.set(e.conversationId, assigneeAfter(e, before));
  }
  return out;
}

/**
 * The assignee of each conversation before its first event in this batch. An event that carries the
 * conversation is itself no help (it shows the state after), so those that change the assignee ask
 * the store like the rest; the store's answer is the newest state, which for a conversation whose
 * assignee changed again later in the log is a later one (rare: then a reply is attributed by it).
 * A conversation the batch creates had none; one the store no longer has, none either.
 */
async function assigneesBefore(events: DurableEvent[], assigneesOf: (ids: string[]) => Promise<Map<string, string | null>>): Promise<Map<string, string | null>> {
  const first = new Map<string, DurableEvent>();
  for (const e of events) if (!first.has(e.conversationId)) first.set(e.conversationId, e);
  const ask = [...first.values()].filter((e) => e.kind !== 'conversation.created').map((e) => e.conversationId);
  const stored = ask.length > 0 ? await assigneesOf(ask) : new Map<string, string | null>();
  return new Map([...first.keys()].map((id) => [id, stored.get(id) ?? null]));
}
