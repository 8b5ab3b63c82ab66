import type { Page, VisitorConversation, WireError } from '../protocol/index.ts';

/** GET /conversations as the visitor (protocol/rest.ts, written out: the bundle carries no route table). Lazy: only the list needs it. */
export async function fetchConversations(apiBase: string, token: string, f: typeof fetch = fetch): Promise<VisitorConversation[]> {
  const res = await f(`${apiBase}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => null)) as (Page<VisitorConversation> & Partial<WireError>) | null;
  if (!res.ok || !body) throw new Error(body?.message || `HTTP ${res.status}`);
  return body.items;
}
