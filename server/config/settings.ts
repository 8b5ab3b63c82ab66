import { resolve } from 'node:path';

/**
 * One setting: its PARLEY_* variable, a strict parser, its default and one documentation line. The table
 * in server/config.ts is a tree of these; loading, validation and the docs/deploy.md table all come from it.
 * An unset or empty variable means the default.
 */
export interface Setting<T> {
  readonly env: string;
  /** The value when the variable is unset; a function derives it from the settings declared before it. */
  readonly fallback: T | ((loaded: Loaded) => T);
  /** How docs/deploy.md shows the default when the value itself would not say it (derived, generated, none). */
  readonly shownDefault?: string;
  readonly doc: string;
  /** A secret's value is never echoed in an error. */
  readonly sensitive?: boolean;
  /** Turns the raw text into a value, or says what was expected (completing "PARLEY_X must be ..."). */
  readonly parse: (raw: string) => { value: T } | { expected: string };
}

/** Settings loaded so far, in declaration order: what a derived default may read. */
export type Loaded = Readonly<Record<string, unknown>>;

/** Thrown at startup for a bad value; its message is one sentence naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Fallback<T> = T | ((loaded: Loaded) => T);

/** A whole number within bounds (digits only: "10k", "1e3", "-1", "1.5" and "0x10" are refused). */
export function int(env: string, fallback: Fallback<number>, doc: string, bounds: { min?: number; max?: number; shownDefault?: string } = {}): Setting<number> {
  const { min = 0, max } = bounds;
  const expected = max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return {
    env,
    fallback,
    doc,
    shownDefault: bounds.shownDefault,
    parse: (raw) => {
      const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      return Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max) ? { value: n } : { expected };
    },
  };
}

/** A whole number within bounds, `null` when unset (a feature that is off until given a port). */
export function optionalInt(env: string, doc: string, bounds: { min?: number; max?: number; shownDefault?: string } = {}): Setting<number | null> {
  const whole = int(env, 0, doc, bounds);
  return { env, fallback: null, doc, shownDefault: bounds.shownDefault ?? '(none)', parse: whole.parse };
}

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no']);

/** On or off: 1/true/on/yes and 0/false/off/no, in any case. */
export function bool(env: string, fallback: boolean, doc: string): Setting<boolean> {
  return {
    env,
    fallback,
    doc,
    shownDefault: fallback ? 'on' : 'off',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      if (TRUE.has(v)) return { value: true };
      if (FALSE.has(v)) return { value: false };
      return { expected: 'one of 0/1, true/false, on/off, yes/no' };
    },
  };
}

/** Free text with a default. */
export function text(env: string, fallback: string, doc: string): Setting<string> {
  return { env, fallback, doc, parse: (raw) => ({ value: raw }) };
}

/** Free text, `null` when unset. */
export function optionalText(env: string, doc: string, shownDefault = '(none)'): Setting<string | null> {
  return { env, fallback: null, doc, shownDefault, parse: (raw) => ({ value: raw }) };
}

/** A secret of at least `minLength` characters, `null` when unset; never echoed in errors. */
export function secret(env: string, minLength: number, doc: string, shownDefault: string): Setting<string | null> {
  return {
    env,
    fallback: null,
    doc,
    shownDefault,
    sensitive: true,
    parse: (raw) => (raw.length >= minLength ? { value: raw } : { expected: `at least ${minLength} characters long (it has ${raw.length})` }),
  };
}

/** One of a fixed list of words. */
export function oneOf<const W extends readonly string[]>(env: string, words: W, fallback: W[number], doc: string): Setting<W[number]> {
  return {
    env,
    fallback,
    doc,
    parse: (raw) => ((words as readonly string[]).includes(raw) ? { value: raw as W[number] } : { expected: `one of ${words.join(', ')}` }),
  };
}

/** A file system path, made absolute against the working directory. */
export function path(env: string, fallback: Fallback<string>, doc: string, shownDefault?: string): Setting<string> {
  return {
    env,
    fallback: typeof fallback === 'string' ? resolve(fallback) : (l) => resolve(fallback(l)),
    doc,
    shownDefault: shownDefault ?? (typeof fallback === 'string' ? '`' + fallback + '`' : undefined),
    parse: (raw) => ({ value: resolve(raw) }),
  };
}

/** An absolute URL with one of the given schemes, `null` when unset. */
export function url(env: string, schemes: readonly string[], doc: string, shownDefault = '(none)'): Setting<string | null> {
  const expected = `a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`;
  return { env, fallback: null, doc, shownDefault, parse: (raw) => (isUrl(raw, schemes) ? { value: raw } : { expected }) };
}

/** A comma-separated list of URLs' origins (scheme://host[:port]); blanks are dropped. */
export function originList(env: string, doc: string): Setting<string[]> {
  return {
    env,
    fallback: [],
    doc,
    shownDefault: '(none)',
    parse: (raw) => {
      // Stored as the browser serialises an Origin header (lower-case host, no default port), so a plain
      // string comparison with the header is exact.
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = items.find((o) => !isUrl(o, ['http', 'https']) || !/^[a-z]+:\/\/[^/]+\/?$/i.test(o));
      if (bad !== undefined) return { expected: `a comma-separated list of origins like https://app.example.com ("${bad}" is not one)` };
      return { value: items.map((o) => new URL(o).origin) };
    },
  };
}

/** A comma-separated list of host names, each optionally with a port (`chat.acme.example`, `localhost:8787`); blanks are dropped. */
export function hostList(env: string, doc: string, shownDefault = '(none)'): Setting<string[]> {
  return {
    env,
    fallback: [],
    doc,
    shownDefault,
    parse: (raw) => {
      const items = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const bad = items.find((h) => !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h));
      if (bad !== undefined) return { expected: `a comma-separated list of host names like chat.acme.example ("${bad}" is not one)` };
      return { value: items };
    },
  };
}

function isUrl(raw: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(raw).protocol.slice(0, -1));
  } catch {
    return false;
  }
}

/** Reads one setting from the environment; a bad value throws a ConfigError naming the variable. */
export function readSetting<T>(s: Setting<T>, env: Record<string, string | undefined>, loaded: Loaded): T {
  const raw = env[s.env];
  if (raw === undefined || raw === '') return typeof s.fallback === 'function' ? (s.fallback as (l: Loaded) => T)(loaded) : s.fallback;
  const parsed = s.parse(raw);
  if ('expected' in parsed) throw new ConfigError(`${s.env} must be ${parsed.expected}${s.sensitive ? '' : `, got "${raw}"`}.`);
  return parsed.value;
}
