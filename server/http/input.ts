import type { Context } from 'hono';
import type { Static, TObject, TSchema } from 'typebox';
import { fail } from '../errors.ts';
import { check } from '../validation/validator.ts';
import { readLimitedBody } from './body-limit.ts';

/**
 * A request's input checked against its schema from protocol/schema: the JSON body (within
 * limits.maxBodyBytes), the query string and the path parameters. Failures are `bad_request` with a
 * sentence naming the field, exactly as the same field gets over the WebSocket.
 */
export async function readJson<S extends TSchema>(c: Context, schema: S, maxBytes: number): Promise<Static<S>> {
  const bytes = await readLimitedBody(c, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid_json', 'The request body is not valid JSON.');
  }
  return check(schema, value, 'body');
}

/**
 * The query parameters the schema names (others are ignored: links carry cache busters and tracking
 * parameters). An empty value is absent; integers and booleans are read strictly from their text, and
 * anything else is left as text for the schema to refuse with the field's name.
 */
export function readQuery<S extends TObject>(c: Context, schema: S): Static<S> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.properties as Record<string, TSchema & { type?: string }>)) {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') continue;
    out[name] = fromText(raw, field.type);
  }
  return check(schema, out, 'query');
}

/** Path parameters (`:id`), checked like any other field. */
export function readParams<S extends TObject>(c: Context, schema: S): Static<S> {
  return check(schema, c.req.param(), 'path');
}

function fromText(raw: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d{1,16}(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  return raw;
}
