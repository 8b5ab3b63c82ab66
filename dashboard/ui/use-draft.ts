import { useState } from 'preact/hooks';

/**
 * What the agent has written in a conversation's composer and not sent yet. The composer is made anew
 * for each conversation (keyed by it), so without this a reply half written was gone as soon as the
 * agent looked at another conversation. Kept in memory per signed-in workspace (a WeakMap by it):
 * signing out, or another agent signing in in this tab, starts with none.
 */
const drafts = new WeakMap<object, Map<string, string>>();

export function useDraft(workspace: object, conversationId: string): [string, (text: string) => void] {
  let mine = drafts.get(workspace);
  if (!mine) drafts.set(workspace, (mine = new Map()));
  const kept = mine;
  const [text, setText] = useState(() => kept.get(conversationId) ?? '');
  const set = (next: string) => {
    setText(next);
    if (next) kept.set(conversationId, next);
    else kept.delete(conversationId);
  };
  return [text, set];
}
