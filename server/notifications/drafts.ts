import { assigneeAfter, notificationFor, type DurableEvent, type NotificationPreferences } from '../../protocol/index.ts';
import type { NewNotification } from '../store/notification-records.ts';

/**
 * The notifications one batch of a site's events makes for its agents (protocol/notifications.ts
 * says what each event tells each agent). Events come in cursor order, so the assignee each one
 * needs is the one the conversation had just before it: what an earlier event of the batch said, else
 * `assigneesOf` (the store's, one read for the whole batch, and only for conversations with an event
 * that depends on it: a staff reply or a status change needs none). Kinds an agent turned off make nothing.
 */
export async function draftsFor(input: {
  siteId: string;
  events: DurableEvent[];
  agents: string[];
  preferences: Map<string, NotificationPreferences>;
  assigneesOf: (conversationIds: string[]) => Promise<Map<string, string | null>>;
  at: number;
}): Promise<NewNotification[]> {
  const stored = await input.assigneesOf(storedAssigneesNeeded(input.events));
  const assignees = new Map<string, string | null>();
  const out: NewNotification[] = [];
  for (const e of input.events) {
    if (!assignees.has(e.conversationId)) assignees.set(e.conversationId, e.kind === 'conversation.created' ? null : (stored.get(e.conversationId) ?? null));
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
 * The conversations whose assignee before the batch matters: their first event in the batch is not
 * conversation.created (that one says "none") and one of their events reads the assignee. An event
 * that carries the conversation is itself no help (it shows the state after), so those that change
 * the assignee are read like the rest; the store's answer is the newest state, which for a
 * conversation whose assignee changed again later in the log is a later one (rare: then a reply is
 * attributed by it).
 */
function storedAssigneesNeeded(events: DurableEvent[]): string[] {
  const created = new Set<string>();
  const seen = new Set<string>();
  const needed = new Set<string>();
  for (const e of events) {
    if (!seen.has(e.conversationId)) {
      seen.add(e.conversationId);
      if (e.kind === 'conversation.created') created.add(e.conversationId);
    }
    if (!created.has(e.conversationId) && readsAssignee(e)) needed.add(e.conversationId);
  }
  return [...needed];
}

/** Whether notificationFor looks at the assignee for this event (protocol/notifications.ts). */
function readsAssignee(e: DurableEvent): boolean {
  if (e.kind === 'message.created') return !e.message.note && e.message.author.kind === 'visitor';
  return e.kind === 'conversation.waiting' || e.kind === 'conversation.rated';
}
