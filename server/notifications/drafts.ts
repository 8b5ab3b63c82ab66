import { assigneeAfter, notificationFor, type DurableEvent, type NotificationPreferences } from '../../protocol/index.ts';
import type { NewNotification } from '../store/notification-records.ts';

/**
 * The notifications one batch of a site's events makes for its agents (protocol/notifications.ts
 * says what each event tells each agent). Events come in cursor order, so the assignee each one
 * needs is the one the conversation had just before it: what an earlier event of the batch said, else
 * `assigneeOf` (the store's, read once per conversation). Kinds an agent turned off make nothing.
 */
export async function draftsFor(input: {
  siteId: string;
  events: DurableEvent[];
  agents: string[];
  preferences: Map<string, NotificationPreferences>;
  assigneeOf: (conversationId: string) => Promise<string | null>;
  at: number;
}): Promise<NewNotification[]> {
  const assignees = new Map<string, string | null>();
  const out: NewNotification[] = [];
  for (const e of input.events) {
    if (!assignees.has(e.conversationId)) assignees.set(e.conversationId, await currentBefore(e, input.assigneeOf));
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
 * The assignee before the first event of a conversation in this batch. An event that carries the
 * conversation is itself no help (it shows the state after), so those that change the assignee ask
 * the store like the rest; the store's answer is the newest state, which for a conversation whose
 * assignee changed again later in the log is a later one (rare: then a reply is attributed by it).
 */
async function currentBefore(e: DurableEvent, assigneeOf: (id: string) => Promise<string | null>): Promise<string | null> {
  if (e.kind === 'conversation.created') return null;
  return assigneeOf(e.conversationId);
}
