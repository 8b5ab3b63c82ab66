import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is `whsec_` + base64 of random bytes;
 * each request carries `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`:
 * `v1,` + base64(HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)). Receivers recompute it, compare
 * in constant time, and refuse old timestamps (replays); the id, the same on every retry, dedupes.
 * The tests verify with the reference implementation (the `standardwebhooks` package), not with this.
 */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

export function sign(secret: string, id: string, timestampSec: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;
}

export function signatureHeaders(secret: string, id: string, timestampSec: number, body: string): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSec), 'webhook-signature': sign(secret, id, timestampSec, body) };
}
