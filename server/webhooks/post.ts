import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { resolveTarget } from './address-guard.ts';

/**
 * One webhook POST: the SSRF guard's address, a timeout over the whole exchange, and at most
 * `maxResponseBytes` of the answer read (the rest is dropped and the socket closed). Answers the HTTP
 * status, or an error sentence when there was no answer. Redirects are not followed: a 3xx is a
 * failure, so a receiver cannot bounce Parley onto an address the guard would refuse.
 */
export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxResponseBytes: number;
  allowPrivate: boolean;
}

export type PostResult = { status: number; body: string } | { status: null; error: string };

export async function postWebhook(o: PostOptions): Promise<PostResult> {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    return { status: null, error: 'The URL is not valid.' };
  }
  let target;
  try {
    // The name lookup counts against the timeout too: a resolver that never answers is no answer.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`No answer within ${o.timeoutMs} ms.`)), o.timeoutMs)));
    target = await Promise.race([resolveTarget(url, o.allowPrivate), late]).finally(() => clearTimeout(timer));
  } catch (err) {
    return { status: null, error: (err as Error).message };
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', 'content-length': Buffer.byteLength(o.body), ...o.headers },
      // The checked address, whatever the name resolves to by now (servername keeps TLS on the name).
      lookup: (_host, _opts, cb) => (cb as (e: null, a: string, f: number) => void)(null, target.address, target.family),
    });
    const timer = setTimeout(() => done({ status: null, error: `No answer within ${o.timeoutMs} ms.` }), o.timeoutMs);
    req.on('error', (err) => done({ status: null, error: `The request failed: ${err.message}`.slice(0, 300) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= o.maxResponseBytes) chunks.push(chunk);
        else done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: res.statusCode ?? 0, body: '' }));
    });
    req.end(o.body);
  });
}
