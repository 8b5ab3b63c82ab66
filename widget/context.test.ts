import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommand } from '../server/realtime/validate.ts';
import { contextUpdate } from './context.ts';

const page = { url: 'https://shop.example/a', title: 'A', language: 'en', attributes: { plan: 'pro' } };

test('context.update carries the page, with the host overrides', () => {
  assert.deepEqual(contextUpdate(page, {}), page);
  assert.deepEqual(contextUpdate(page, { url: 'https://shop.example/b', title: 'B' }), { ...page, url: 'https://shop.example/b', title: 'B' });
});

test('the pre-chat email travels as context.email, not as a custom attribute, and the server takes the frame', () => {
  const ctx = contextUpdate(page, {}, 'ada@example.com');
  assert.equal(ctx.email, 'ada@example.com');
  assert.deepEqual(ctx.attributes, { plan: 'pro' });
  assert.equal('email' in contextUpdate(page, {}), false, 'no email: unchanged on the server');
  assert.equal(checkCommand({ type: 'context.update', id: 'c1', context: ctx }).ok, true);
});
