import type { TranscriptResponse } from '../protocol/index.ts';
import { readJson } from './session.ts';

/** POST /conversations/:id/transcript (protocol/rest.ts, written out: the bundle carries no route table). */
export async function requestTranscript(apiBase: string, token: string, conversationId: string, f: typeof fetch = fetch): Promise<TranscriptResponse> {
  const res = await f(`${apiBase}/api/v1/conversations/${encodeURIComponent(conversationId)}/transcript`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return readJson<TranscriptResponse>(res);
}
