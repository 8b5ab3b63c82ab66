import type { TranscriptResponse, WireError } from '../protocol/index.ts';

/** POST /conversations/:id/transcript (protocol/rest.ts, written out: the bundle carries no route table). */
export async function requestTranscript(apiBase: string, token: string, conversationId: string, f: typeof fetch = fetch): Promise<TranscriptResponse> {
  const res = await f(`${apiBase}/api/v1/conversations/${encodeURIComponent(conversationId)}/transcript`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json().catch(() => null)) as (TranscriptResponse & Partial<WireError>) | null;
  if (!res.ok || !body) throw new Error(body?.message || `HTTP ${res.status}`);
  return body;
}
