import type { TLocalizedValidationError } from 'typebox/error';
import type { TSchema } from 'typebox';

/**
 * One validation failure as a sentence that names the field: "context.url must have at most 2048
 * characters." `where` names the root ("body", "query", "message.send") for problems of the whole value.
 * Field names that came from the client are cut short so an error cannot echo a huge key back.
 */
export function describeProblem(root: TSchema, errors: TLocalizedValidationError[], where: string): string {
  const error = pick(errors);
  const sub = schemaAt(root, error.schemaPath);
  const field = fieldName(error.instancePath) || where;
  switch (error.keyword) {
    case 'required': {
      const name = (error.params as { requiredProperties: string[] }).requiredProperties[0];
      return `${join(error.instancePath, name)} is required.`;
    }
    case 'additionalProperties': {
      const name = (error.params as { additionalProperties: string[] }).additionalProperties[0];
      return `Unexpected field "${clip(name)}" in ${fieldName(error.instancePath) || where}.`;
    }
    case 'boolean':
      // additionalProperties: false, reported at the unexpected field itself.
      return `Unexpected field "${clip(lastSegment(error.instancePath))}" in ${fieldName(parentOf(error.instancePath)) || where}.`;
    case 'type':
      return `${field} must be ${typeWord((error.params as { type: string }).type)}.`;
    case 'minLength': {
      const limit = (error.params as { limit: number }).limit;
      if (isPropertyNames(error)) return `${fieldName(parentOf(error.instancePath))} key "${clip(lastSegment(error.instancePath))}" must not be empty.`;
      return limit === 1 ? `${field} must not be empty.` : `${field} must have at least ${limit} characters.`;
    }
    case 'maxLength': {
      const limit = (error.params as { limit: number }).limit;
      if (isPropertyNames(error)) return `${fieldName(parentOf(error.instancePath))} key "${clip(lastSegment(error.instancePath))}" must have at most ${limit} characters.`;
      return `${field} must have at most ${limit} characters.`;
    }
    case 'not':
      if (isPropertyNames(error)) return `${fieldName(parentOf(error.instancePath))} key "${clip(lastSegment(error.instancePath))}" is not allowed.`;
      return `${field} is not allowed.`;
    case 'minimum':
      return `${field} must be at least ${(error.params as { limit: number }).limit}.`;
    case 'maximum':
      return `${field} must be at most ${(error.params as { limit: number }).limit}.`;
    case 'maxItems':
      return `${field} must have at most ${(error.params as { limit: number }).limit} items.`;
    case 'minItems':
      return `${field} must have at least ${(error.params as { limit: number }).limit} items.`;
    case 'maxProperties':
      return `${field} must have at most ${(error.params as { limit: number }).limit} keys.`;
    case 'uniqueItems':
      return `${field} must not repeat items.`;
    case 'enum':
      return `${field} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}.`;
    case 'const':
      return `${field} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}.`;
    default:
      // pattern, format, anyOf: the schema's description says what is expected.
      return sub?.description ? `${field} must be ${sub.description}.` : `${field} is not valid.`;
  }
}

/**
 * The error to report: the first, unless it sits inside a union (anyOf), whose branches each fail in
 * their own way; then the union itself, whose description says what is accepted.
 */
function pick(errors: TLocalizedValidationError[]): TLocalizedValidationError {
  const first = errors[0];
  const union = errors.find((e) => e.keyword === 'anyOf' && first.schemaPath.startsWith(`${e.schemaPath}/anyOf/`));
  if (union) return union;
  // A key refused by propertyNames is reported by the key's own error, which comes first.
  return first;
}

function isPropertyNames(error: TLocalizedValidationError): boolean {
  return error.schemaPath.endsWith('/propertyNames');
}

/** The sub-schema a JSON pointer like "#/properties/ctx/properties/url" points at. */
function schemaAt(root: TSchema, pointer: string): (TSchema & { description?: string }) | undefined {
  let at: unknown = root;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[unescape(part)];
  }
  return at as TSchema & { description?: string };
}

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
const segments = (pointer: string) => pointer.split('/').slice(1).map(unescape);
const clip = (s: string) => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
const fieldName = (pointer: string) => segments(pointer).map((s) => (/^\d+$/.test(s) ? `[${s}]` : clip(s))).join('.').replace(/\.\[/g, '[');
const join = (pointer: string, name: string) => (pointer ? `${fieldName(pointer)}.${clip(name)}` : clip(name));
const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));
const lastSegment = (pointer: string) => unescape(pointer.slice(pointer.lastIndexOf('/') + 1));

function typeWord(type: string): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a JSON object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return `of type ${type}`;
  }
}
