import Type from 'typebox';
import { EMAIL_PATTERN } from '../email.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { CONVERSATION_STATUSES, PRIORITIES, STAFF_AVAILABILITIES } from '../model.ts';

/**
 * Field schemas shared by REST bodies, query strings and WebSocket frames. `description` doubles as the
 * phrase an error uses ("<field> must be <description>.") where the keyword alone would not say it.
 * Objects are closed (additionalProperties: false): a misspelt field is an error, not silently ignored.
 */
export const Id = Type.String({ minLength: 1, maxLength: FIELD_LIMITS.id, description: `an id of 1 to ${FIELD_LIMITS.id} characters` });

/** Non-negative integer: a seq, a cursor. */
export const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'a non-negative integer' });

/** Text a person types that must say something: not empty, not only spaces. Routes store it trimmed. */
export const NonBlank = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description: `text of 1 to ${maxLength} characters, not only spaces` });

export const Email = Type.String({
  maxLength: FIELD_LIMITS.email,
  pattern: EMAIL_PATTERN,
  description: `an email address like name@example.com, at most ${FIELD_LIMITS.email} characters`,
});

export const ConversationStatus = Type.Enum([...CONVERSATION_STATUSES]);
export const StaffAvailability = Type.Enum([...STAFF_AVAILABILITIES]);
export const Priority = Type.Enum([...PRIORITIES]);
/** A label agents give a conversation: trimmed by the domain, compared as given. */
export const Label = NonBlank(FIELD_LIMITS.label);
export const Labels = Type.Array(Label, { maxItems: FIELD_LIMITS.labels, description: `at most ${FIELD_LIMITS.labels} labels` });
/** A time in epoch milliseconds. */
export const Millis = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'a time in epoch milliseconds' });
export const NullableId = Type.Union([Id, Type.Null()], { description: 'an id or null' });

/** An object schema that refuses unknown fields. */
export const Closed = <P extends Parameters<typeof Type.Object>[0]>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });
