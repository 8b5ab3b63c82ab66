import type { ErasureRequest } from '../protocol/schema/privacy.ts';
import { readJson } from './session.ts';

/**
 * The visitor's own erasure request (GET/POST /api/v1/visitor/erasure-request, written out: the bundle
 * carries no route table). The token says who: there is nobody else to name. Lazy: only "Delete my
 * data" needs it.
 */
export async function fetchErasureRequest(apiBase: string, token: string, f: typeof fetch = fetch): Promise<ErasureRequest | null> {
  return (await call(f, `${apiBase}/api/v1/visitor/erasure-request`, { headers: { authorization: `Bearer ${token}` } })).request;
}

export async function askForErasure(apiBase: string, token: string, f: typeof fetch = fetch): Promise<ErasureRequest> {
  const init = { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' };
  return (await call(f, `${apiBase}/api/v1/visitor/erasure-request`, init)).request!;
}

async function call(f: typeof fetch, url: string, init: RequestInit): Promise<{ request: ErasureRequest | null }> {
  return readJson(await f(url, init));
}
