import assert from 'node:assert/strict';
import { ParleyError } from '../errors.ts';

/** For auth tests: the ParleyError code a promise rejects with, or 'accepted' when it resolves. */
export async function refusalCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ParleyError, String(err));
    return err.code;
  }
  return 'accepted';
}
