import type { Conversation, DurableEvent } from '../../protocol/index.ts';

/** How an erased visitor is named in a tombstone (their label, name and address are gone). */
export const ERASED_LABEL = 'Erased visitor';

/** A conversation snapshot without anything of the visitor's: no last message text, no rating comment. */
export function redactConversation(c: Conversation): Conversation {
  const out: Conversation = { ...c };
  if (out.lastMessage) out.lastMessage = { ...out.lastMessage, text: '' };
  if (out.rating) out.rating = { score: out.rating.score, ratedAt: out.rating.ratedAt };
  return out;
}

/**
 * An event of a tombstoned conversation as the log keeps it: what reports read (kinds, times, status,
 * assignee, the rating's score) stays; texts, names and comments go. Both stores rewrite the log with it.
 */
export function redactEvent(e: DurableEvent): DurableEvent {
  const out = { ...e } as DurableEvent & { conversation?: Conversation; rating?: { score: number; ratedAt: number; comment?: string } };
  if (out.conversation) out.conversation = redactConversation(out.conversation);
  if (out.kind === 'conversation.rated') out.rating = { score: out.rating!.score, ratedAt: out.rating!.ratedAt };
  if (out.kind === 'visitor.identified') return { ...out, fromLabel: ERASED_LABEL, name: ERASED_LABEL };
  return out;
}

/** A stored payload with the erased visitor ids replaced by the tombstones' own (ids are opaque tokens). */
export function renameIds(json: string, ids: readonly string[], to: string): string {
  let out = json;
  for (const id of ids) out = out.split(JSON.stringify(id).slice(1, -1)).join(to);
  return out;
}
