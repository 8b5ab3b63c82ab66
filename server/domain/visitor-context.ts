import { isEmail, MAX_EMAIL } from '../../protocol/validate.ts';
import type { VisitorContext } from '../../protocol/index.ts';
import { fail } from '../errors.ts';

const CONTEXT_STRINGS = ['url', 'title', 'referrer', 'language', 'timezone', 'localTime', 'userAgent'] as const;
const MAX_CONTEXT_STRING = 2048;
const MAX_ATTRIBUTES = 50;

/** Keeps only known fields with the right types and bounded sizes; text stays text. */
export function checkContext(input: unknown): VisitorContext {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('bad_request', 'context must be an object.');
  const raw = input as Record<string, unknown>;
  const out: VisitorContext = {};
  for (const k of CONTEXT_STRINGS) {
    const v = raw[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > MAX_CONTEXT_STRING) fail('bad_request', `context.${k} must be a string of at most ${MAX_CONTEXT_STRING} characters.`);
    out[k] = v as string;
  }
  if (raw.attributes !== undefined) {
    const attrs = raw.attributes;
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) fail('bad_request', 'context.attributes must be an object.');
    const entries = Object.entries(attrs as Record<string, unknown>);
    if (entries.length > MAX_ATTRIBUTES) fail('bad_request', `context.attributes has at most ${MAX_ATTRIBUTES} keys.`);
    out.attributes = {};
    for (const [k, v] of entries) {
      if (k === '__proto__') fail('bad_request', 'context.attributes must not have a "__proto__" key.');
      const okType = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      if (!okType || k.length > 64 || (typeof v === 'string' && v.length > MAX_CONTEXT_STRING)) {
        fail('bad_request', `context.attributes.${k} must be a short string, number or boolean.`);
      }
      out.attributes[k] = v as string | number | boolean;
    }
  }
  return out;
}

/** The pre-chat email as typed (trimmed), or a bad_request that says what an email looks like. */
export function checkTypedEmail(input: unknown): string {
  const email = typeof input === 'string' ? input.trim() : input;
  if (!isEmail(email)) fail('bad_request', `context.email must be an email address like name@example.com, at most ${MAX_EMAIL} characters.`);
  return email as string;
}
