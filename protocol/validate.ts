import type { ClientCommand, ClientCommandType } from './frames.ts';
import { CONVERSATION_STATUSES, STAFF_AVAILABILITIES } from './model.ts';

/**
 * Hand-written validators for client frames: small, dependency-free, shared by server and
 * clients (a client can check a frame before sending it). They check shape and types only;
 * limits that depend on configuration (text length) and authorization are the server's.
 */
export type FrameCheck =
  | { ok: true; command: ClientCommand }
  | { ok: false; code: 'bad_request' | 'unknown_type'; message: string; id?: string };

type Obj = Record<string, unknown>;
type FieldRule = (value: unknown) => string | null; // null = fine, else what is wrong

const MAX_ID = 128;
/** Longest email address accepted (RFC 5321 path limit). */
export const MAX_EMAIL = 254;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const rules = {
  id: (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_ID ? null : `a non-empty string of at most ${MAX_ID} characters`),
  string: (v: unknown) => (typeof v === 'string' ? null : 'a string'),
  boolean: (v: unknown) => (typeof v === 'boolean' ? null : 'a boolean'),
  seq: (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : 'a non-negative integer'),
  idList: (v: unknown) =>
    Array.isArray(v) && v.every((x) => rules.id(x) === null) ? null : 'an array of ids',
  oneOf:
    (values: readonly string[]): FieldRule =>
    (v) =>
      typeof v === 'string' && values.includes(v) ? null : `one of ${values.join(', ')}`,
  idOrNull: (v: unknown) => (v === null || rules.id(v) === null ? null : 'a staff id or null'),
  object: (v: unknown) => (isObj(v) ? null : 'an object'),
  /** The context.update payload: an object; its optional `email` must look like an address. */
  contextUpdate: (v: unknown) => {
    if (!isObj(v)) return 'an object';
    if (v.email !== undefined && !isEmail(v.email)) return `an object whose email is an email address like name@example.com (at most ${MAX_EMAIL} characters)`;
    return null;
  },
  resume: (v: unknown) => {
    if (!isObj(v)) return 'an object';
    if (v.cursor !== undefined && rules.seq(v.cursor) !== null) return 'an object whose cursor is a non-negative integer';
    if (v.conversations !== undefined) {
      if (!isObj(v.conversations)) return 'an object whose conversations map ids to seqs';
      for (const [k, seq] of Object.entries(v.conversations)) {
        if (rules.id(k) !== null || rules.seq(seq) !== null) return 'an object whose conversations map ids to non-negative seqs';
      }
    }
    return null;
  },
};

interface Schema {
  required: Record<string, FieldRule>;
  optional?: Record<string, FieldRule>;
}

/** One schema per command type; unknown fields are refused so typos surface instead of being ignored. */
export const CommandSchemas: Record<ClientCommandType, Schema> = {
  hello: { required: { v: (v) => (typeof v === 'number' ? null : 'a number'), token: rules.string }, optional: { resume: rules.resume } },
  ping: { required: {} },
  'message.send': {
    required: { clientId: rules.id, text: rules.string },
    optional: { conversationId: rules.id, attachmentIds: rules.idList, note: rules.boolean },
  },
  'message.delete': { required: { conversationId: rules.id, messageId: rules.id } },
  read: { required: { conversationId: rules.id, seq: rules.seq } },
  typing: { required: { conversationId: rules.id, typing: rules.boolean } },
  'conversation.update': {
    required: { conversationId: rules.id },
    optional: { status: rules.oneOf(CONVERSATION_STATUSES), assigneeId: rules.idOrNull },
  },
  'presence.set': { required: { status: rules.oneOf(STAFF_AVAILABILITIES) } },
  'presence.query': { required: {}, optional: { conversationId: rules.id } },
  'context.update': { required: { context: rules.contextUpdate } },
};

/** An email address as people type it: something@domain.tld, no spaces, at most MAX_EMAIL characters. */
export function isEmail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_EMAIL && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

export const COMMAND_TYPES = Object.keys(CommandSchemas) as ClientCommandType[];

/** Validates a parsed JSON value as a client command. */
export function validateClientFrame(value: unknown): FrameCheck {
  if (!isObj(value)) return { ok: false, code: 'bad_request', message: 'A frame must be a JSON object.' };
  const id = typeof value.id === 'string' ? value.id : undefined;
  if (typeof value.type !== 'string') return { ok: false, code: 'bad_request', message: 'A frame needs a string "type".', id };
  const schema = (CommandSchemas as Record<string, Schema | undefined>)[value.type];
  if (!schema || !Object.hasOwn(CommandSchemas, value.type)) {
    return { ok: false, code: 'unknown_type', message: `Unknown frame type "${value.type.slice(0, 64)}".`, id };
  }
  const idProblem = rules.id(value.id);
  if (idProblem) return { ok: false, code: 'bad_request', message: `"id" must be ${idProblem}.` };
  for (const [field, rule] of Object.entries(schema.required)) {
    if (value[field] === undefined) return { ok: false, code: 'bad_request', message: `"${field}" is required for ${value.type}.`, id };
    const problem = rule(value[field]);
    if (problem) return { ok: false, code: 'bad_request', message: `"${field}" must be ${problem}.`, id };
  }
  for (const [field, rule] of Object.entries(schema.optional ?? {})) {
    if (value[field] === undefined) continue;
    const problem = rule(value[field]);
    if (problem) return { ok: false, code: 'bad_request', message: `"${field}" must be ${problem}.`, id };
  }
  // Object.hasOwn, not `in`: "constructor", "toString" or "__proto__" are not fields of any schema.
  for (const field of Object.keys(value)) {
    if (field !== 'type' && field !== 'id' && !Object.hasOwn(schema.required, field) && !Object.hasOwn(schema.optional ?? {}, field)) {
      return { ok: false, code: 'bad_request', message: `Unexpected field "${field.slice(0, 64)}" in ${value.type}.`, id };
    }
  }
  return { ok: true, command: value as unknown as ClientCommand };
}
