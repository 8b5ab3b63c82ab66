/**
 * POST JSON and parse the answer. A connection-level failure (a reset while the server is loaded)
 * is retried twice after a short pause, as a page's own retry would; HTTP errors are not retried.
 */
export async function postJson<T>(url: string, body: unknown, origin?: string, attempt = 1): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin) headers.origin = origin;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    if (attempt >= 3) throw new Error(`POST ${url} failed: ${String((e as { cause?: unknown }).cause ?? e)}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
    return postJson(url, body, origin, attempt + 1);
  }
  if (!res.ok) throw new Error(`POST ${url} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
