import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmail, validateClientFrame } from './validate.ts';

const refused = (value: unknown) => {
  const r = validateClientFrame(value);
  assert.equal(r.ok, false, 'the value was accepted');
  return r as Extract<typeof r, { ok: false }>;
};

test('a well-formed command passes', () => {
  assert.equal(validateClientFrame({ type: 'message.send', id: 'c1', clientId: 'x', text: 'hi' }).ok, true);
  assert.equal(validateClientFrame({ type: 'ping', id: 'c2' }).ok, true);
});

test('inherited names are not fields: constructor, toString and __proto__ are refused like any unknown field', () => {
  for (const field of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const r = refused({ type: 'ping', id: 'c1', [field]: 1 });
    assert.equal(r.code, 'bad_request');
    assert.match(r.message, new RegExp(`Unexpected field "${field}"`));
  }
  // JSON.parse makes "__proto__" an own property (it does not set the prototype).
  const r = refused(JSON.parse('{"type":"ping","id":"c1","__proto__":{"polluted":true}}'));
  assert.match(r.message, /Unexpected field "__proto__"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('types that only look like commands are unknown_type: inherited names and prototype keys', () => {
  for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(refused({ type, id: 'c1' }).code, 'unknown_type');
});

test('numbers where strings belong, strings where numbers belong, arrays and null are bad_request naming the field', () => {
  assert.match(refused({ type: 'message.send', id: 'c1', clientId: 5, text: 'hi' }).message, /"clientId"/);
  assert.match(refused({ type: 'message.send', id: 'c1', clientId: 'a', text: ['hi'] }).message, /"text"/);
  assert.match(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: '3' }).message, /"seq"/);
  assert.match(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: 1.5 }).message, /"seq"/);
  assert.match(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: 2 ** 60 }).message, /"seq"/);
  assert.match(refused({ type: 'ping', id: 42 }).message, /"id"/);
  assert.equal(refused(null).code, 'bad_request');
  assert.equal(refused([{ type: 'ping', id: 'c1' }]).code, 'bad_request');
  assert.equal(refused('ping').code, 'bad_request');
});

test('resume points are checked all the way down', () => {
  const hello = (resume: unknown) => ({ type: 'hello', id: 'h', v: 1, token: 't', resume });
  assert.equal(validateClientFrame(hello({ cursor: 3 })).ok, true);
  assert.equal(validateClientFrame(hello({ conversations: { cnv_a: 4 } })).ok, true);
  refused(hello({ cursor: -1 }));
  refused(hello({ conversations: { cnv_a: 'x' } }));
  refused(hello({ conversations: [1, 2] }));
  refused(hello('all'));
});

test('a deeply nested value is refused without recursion trouble', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  refused({ type: 'context.update', id: 'c1', context: deep, extra: deep });
  assert.equal(validateClientFrame({ type: 'context.update', id: 'c1', context: deep }).ok, true, 'shape only: the domain checks the context');
});

test('context.update: an optional email must look like an address, with a message that says so', () => {
  assert.equal(validateClientFrame({ type: 'context.update', id: 'c1', context: { url: 'https://a.example/' } }).ok, true);
  assert.equal(validateClientFrame({ type: 'context.update', id: 'c1', context: { email: 'ada@example.com' } }).ok, true);
  for (const email of ['not-an-email', 'a b@example.com', 'ada@example', 42, '', `${'a'.repeat(250)}@example.com`]) {
    const r = refused({ type: 'context.update', id: 'c1', context: { email } });
    assert.equal(r.code, 'bad_request');
    assert.match(r.message, /"context" must be an object whose email is an email address/);
  }
});

test('isEmail accepts what people type and refuses the rest', () => {
  assert.equal(isEmail('ada.lovelace+chat@mail.example.org'), true);
  assert.equal(isEmail('ada@localhost'), false);
  assert.equal(isEmail('@example.com'), false);
  assert.equal(isEmail(null), false);
});
