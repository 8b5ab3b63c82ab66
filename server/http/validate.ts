import type { Context } from 'hono';
import { fail } from '../errors.ts';
import { readLimitedBody } from './body-limit.ts';

/**
 * Tiny schema checks for request bodies and query strings. A schema is a function that returns the
 * checked value or throws `bad_request` with a sentence naming the field. Object schemas drop
 * unknown fields (so an older server accepts a newer client) but check every field they know.
 */
export type Schema<T> = (value: unknown, path: string) => T;

const bad = (path: string, what: string): never => fail('bad_request', `${path} ${what}.`);

export const v = {
  string(opts: { min?: number; max: number; trim?: boolean }): Schema<string> {
    return (value, path) => {
      if (typeof value !== 'string') return bad(path, 'must be a string');
      const s = opts.trim ? value.trim() : value;
      if (s.length < (opts.min ?? 0)) return bad(path, opts.min === 1 ? 'must not be empty' : `must have at least ${opts.min} characters`);
      if (s.length > opts.max) return bad(path, `must have at most ${opts.max} characters`);
      return s;
    };
  },
  int(opts: { min?: number; max?: number } = {}): Schema<number> {
    return (value, path) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return bad(path, 'must be an integer');
      if (opts.min !== undefined && value < opts.min) return bad(path, `must be at least ${opts.min}`);
      if (opts.max !== undefined && value > opts.max) return bad(path, `must be at most ${opts.max}`);
      return value;
    };
  },
  boolean(): Schema<boolean> {
    return (value, path) => (typeof value === 'boolean' ? value : bad(path, 'must be true or false'));
  },
  oneOf<T extends string>(values: readonly T[]): Schema<T> {
    return (value, path) => ((values as readonly unknown[]).includes(value) ? (value as T) : bad(path, `must be one of ${values.join(', ')}`));
  },
  optional<T>(schema: Schema<T>): Schema<T | undefined> {
    return (value, path) => (value === undefined ? undefined : schema(value, path));
  },
  nullable<T>(schema: Schema<T>): Schema<T | null> {
    return (value, path) => (value === null ? null : schema(value, path));
  },
  array<T>(item: Schema<T>, opts: { max: number }): Schema<T[]> {
    return (value, path) => {
      if (!Array.isArray(value)) return bad(path, 'must be an array');
      if (value.length > opts.max) return bad(path, `must have at most ${opts.max} items`);
      return value.map((x, i) => item(x, `${path}[${i}]`));
    };
  },
  object<S extends Record<string, Schema<unknown>>>(shape: S): Schema<{ [K in keyof S]: ReturnType<S[K]> }> {
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(path, 'must be a JSON object');
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const checked = schema((value as Record<string, unknown>)[key], path === 'body' ? key : `${path}.${key}`);
        if (checked !== undefined) out[key] = checked;
      }
      return out as { [K in keyof S]: ReturnType<S[K]> };
    };
  },
  record<T>(item: Schema<T>, opts: { maxKeys: number; maxKeyLength: number }): Schema<Record<string, T>> {
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(path, 'must be a JSON object');
      const entries = Object.entries(value);
      if (entries.length > opts.maxKeys) return bad(path, `must have at most ${opts.maxKeys} keys`);
      const out: Record<string, T> = {};
      for (const [k, x] of entries) {
        if (k.length === 0 || k.length > opts.maxKeyLength) bad(`${path} key "${k.slice(0, 20)}"`, `must have 1 to ${opts.maxKeyLength} characters`);
        // Assigning "__proto__" would set the prototype instead of adding a key: refuse it outright.
        if (k === '__proto__') bad(`${path} key "__proto__"`, 'is not allowed');
        out[k] = item(x, `${path}.${k}`);
      }
      return out;
    };
  },
};

/** Reads the JSON body within config.limits.maxBodyBytes and checks it against `schema`. */
export async function readJson<T>(c: Context, schema: Schema<T>, maxBytes: number): Promise<T> {
  const bytes = await readLimitedBody(c, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid_json', 'The request body is not valid JSON.');
  }
  return schema(value, 'body');
}

/** Query string values: absent or empty -> undefined; numbers parsed strictly. */
export const query = {
  string(c: Context, name: string, max = 500): string | undefined {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return undefined;
    if (raw.length > max) return bad(name, `must have at most ${max} characters`);
    return raw;
  },
  int(c: Context, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^-?\d{1,16}$/.test(raw)) return bad(name, 'must be an integer');
    return v.int(opts)(Number(raw), name);
  },
  bool(c: Context, name: string): boolean | undefined {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    return bad(name, 'must be true or false');
  },
  oneOf<T extends string>(c: Context, name: string, values: readonly T[]): T | undefined {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return undefined;
    return v.oneOf(values)(raw, name);
  },
};
