import type { Page, VisitorConversation } from '../protocol/index.ts';
import { readJson } from './session.ts';

/** GET /conversations as the visitor (protocol/rest.ts, written out: the bundle carries no route table). Lazy: only the list and the unread-elsewhere badge need it. */
export async function fetchConversations(apiBase: string, token: string, f: typeof fetch = fetch): Promise<VisitorConversation[]> {
  const res = await f(`${apiBase}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } });
  return (await readJson<Page<VisitorConversation>>(res)).items;
}
