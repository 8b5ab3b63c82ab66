import type { HistoryResponse, VisitorContext, VisitorSessionResponse, WireError } from '../protocol/index.ts';
import type { KeyValueStorage } from '../client/api.ts';
import { storagePrefix } from './api.ts';

/**
 * The visitor's REST session: POST visitor/session with the stored visitor token (so a reload keeps
 * the same visitor and conversation), store the new token, and fetch history pages. Paths are
 * protocol/rest.ts Routes, written out so the bundle does not carry the whole route table. fetch and storage
 * are injected so this runs in node:test against a real server.
 */
export interface SessionDeps {
  fetch: typeof fetch;
  storage: KeyValueStorage;
  apiBase: string;
  siteKey: string;
}

export function tokenKey(siteKey: string): string {
  return storagePrefix(siteKey) + 'token';
}

export class RestError extends Error {
  constructor(
    public code: string,
    message: string,
    public status: number,
  ) {
    super(message);
  }
}

/** A JSON answer, or its `{ code, message }` as a RestError (the lazy parts' REST calls use it too). */
export async function readJson<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as (T & Partial<WireError>) | null;
  if (!res.ok || !body) {
    throw new RestError(body?.code || 'internal', body?.message || 'HTTP ' + res.status, res.status);
  }
  return body;
}

export async function openSession(
  deps: SessionDeps,
  req: { userToken?: string; context?: VisitorContext; consent?: boolean },
): Promise<VisitorSessionResponse> {
  const stored = safeGet(deps.storage, tokenKey(deps.siteKey));
  const post = (visitorToken?: string, pow?: { challenge: string; nonce: string }) =>
    deps
      .fetch(deps.apiBase + '/api/v1/visitor/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ siteKey: deps.siteKey, visitorToken, userToken: req.userToken, context: req.context, pow, consent: req.consent || undefined }),
      })
      .then((r) => readJson<VisitorSessionResponse>(r));
  // A site under attack asks a new visitor for a proof of work first (a lazy chunk solves it).
  const postNew = () =>
    post(undefined).catch(async (e) => {
      if (!(e instanceof RestError && e.code === 'pow_required')) throw e;
      const { solveChallenge } = await import('./pow.ts');
      return post(undefined, await solveChallenge(deps.fetch, deps.apiBase, deps.siteKey));
    });
  let session: VisitorSessionResponse;
  try {
    session = await (stored ? post(stored) : postNew());
  } catch (e) {
    // A stale or foreign stored token must not lock the visitor out: start a fresh session. A bad
    // userToken fails again without it and that error is the one reported.
    if (!(stored && e instanceof RestError && (e.status === 401 || e.status === 403 || e.code === 'pow_required'))) throw e;
    session = await postNew();
  }
  try {
    deps.storage.setItem(tokenKey(deps.siteKey), session.visitorToken);
  } catch {
    // storage disabled: the session lasts for this page only
  }
  return session;
}

export async function fetchHistory(
  deps: Pick<SessionDeps, 'fetch' | 'apiBase'>,
  token: string,
  conversationId: string,
  page: { before?: number; after?: number; limit?: number },
): Promise<HistoryResponse> {
  const q = new URLSearchParams();
  if (page.before) q.set('before', String(page.before));
  if (page.after) q.set('after', String(page.after));
  q.set('limit', String(page.limit ?? 30));
  const path = '/api/v1/conversations/' + encodeURIComponent(conversationId) + '/messages';
  const res = await deps.fetch(deps.apiBase + path + '?' + q, { headers: { authorization: 'Bearer ' + token } });
  return readJson<HistoryResponse>(res);
}

function safeGet(s: KeyValueStorage, k: string): string | null {
  try {
    return s.getItem(k);
  } catch {
    return null;
  }
}
