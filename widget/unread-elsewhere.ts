import type { VisitorConversation } from '../protocol/index.ts';

/**
 * Unread staff replies in the visitor's conversations other than the open one, from the server's
 * counts (GET /conversations, each conversation's `unread`): the header's conversations control shows
 * the sum (ui/UnreadElsewhere.tsx), so a reply in another conversation is not missed while the visitor
 * reads this one. Opening that conversation makes it the open one, and its replies leave the sum.
 */
export type UnreadById = Record<string, number>;

export const unreadById = (list: Pick<VisitorConversation, 'id' | 'unread'>[]): UnreadById => Object.fromEntries(list.map((c) => [c.id, c.unread]));

export function unreadElsewhere(unread: UnreadById, openId: string | undefined): number {
  let n = 0;
  for (const id in unread) if (id !== openId) n += unread[id];
  return n;
}
