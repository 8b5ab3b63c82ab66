import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { fail } from '../errors.ts';
import { describeProblem } from './problem.ts';

/**
 * The server's validators, compiled once per schema from protocol/schema (TypeBox's JIT: a checked
 * value costs a generated function call, no interpretation). `check` returns the value typed by its
 * schema or throws `bad_request` with a sentence naming the field; REST and WebSocket both use it, so
 * one input gets one answer wherever it arrives.
 */
const compiled = new WeakMap<TSchema, Validator>();

function validatorOf(schema: TSchema): Validator {
  let v = compiled.get(schema);
  if (!v) {
    v = Compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** The problem with `value` as a sentence, or null when it fits `schema`. */
export function problemWith(schema: TSchema, value: unknown, where: string): string | null {
  const v = validatorOf(schema);
  if (v.Check(value)) return null;
  return describeProblem(schema, v.Errors(value), where);
}

export function check<S extends TSchema>(schema: S, value: unknown, where: string): Static<S> {
  const problem = problemWith(schema, value, where);
  if (problem !== null) fail('bad_request', problem);
  return value as Static<S>;
}
