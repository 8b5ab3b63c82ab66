import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../api.ts';
import { errorCode, errorText } from './error-text.ts';

test('a refusal the server answered keeps its code beside its sentence; a network failure has none', () => {
  const refused = new ApiError('bad_request', 'allowedOrigins[0]: "harbor" is not an origin.', 400);
  assert.deepEqual([errorText(refused), errorCode(refused)], ['allowedOrigins[0]: "harbor" is not an origin.', 'bad_request']);
  const unreachable = new ApiError('internal', 'Network error: Failed to fetch', 0);
  assert.equal(errorCode(unreachable), undefined, 'not the server\'s code: it never answered');
  assert.equal(errorCode(new Error('boom')), undefined);
  assert.equal(errorCode(undefined), undefined);
});
