import type { TestServer } from '../realtime/test-helpers.ts';

/** fetch() against the real test server, JSON in and out; for the HTTP tests. */
export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as-is (for malformed JSON tests). */
  rawBody?: BodyInit;
  origin?: string;
  headers?: Record<string, string>;
}

export async function api<T = any>(ts: TestServer, path: string, opts: ApiOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.origin) headers.origin = opts.origin;
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(ts.server.url + path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (static files, attachments): the text itself
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
