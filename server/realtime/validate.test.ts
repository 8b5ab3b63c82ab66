import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmail } from '../../protocol/email.ts';
import { checkCommand } from './validate.ts';

const refused = (value: unknown) => {
  const r = checkCommand(value);
  assert.equal(r.ok, false, 'the value was accepted');
  return r as Extract<typeof r, { ok: false }>;
};

test('a well-formed command passes', () => {
  assert.equal(checkCommand({ type: 'message.send', id: 'c1', clientId: 'x', text: 'hi' }).ok, true);
  assert.equal(checkCommand({ type: 'ping', id: 'c2' }).ok, true);
});

test('inherited names are not fields: constructor, toString and __proto__ are refused like any unknown field', () => {
  for (const field of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const r = refused({ type: 'ping', id: 'c1', [field]: 1 });
    assert.deepEqual(r.error, { code: 'bad_request', message: `Unexpected field "${field}" in ping.` });
    assert.equal(r.id, 'c1', 'the error answers the command');
  }
  // JSON.parse makes "__proto__" an own property (it does not set the prototype).
  assert.match(refused(JSON.parse('{"type":"ping","id":"c1","__proto__":{"polluted":true}}')).error.message, /Unexpected field "__proto__"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('types that only look like commands are unknown_type: inherited names and prototype keys', () => {
  for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(refused({ type, id: 'c1' }).error.code, 'unknown_type');
});

test('numbers where strings belong, strings where numbers belong, arrays and null are bad_request naming the field', () => {
  assert.equal(refused({ type: 'message.send', id: 'c1', clientId: 5, text: 'hi' }).error.message, 'clientId must be a string.');
  assert.equal(refused({ type: 'message.send', id: 'c1', clientId: 'a', text: ['hi'] }).error.message, 'text must be a string.');
  assert.equal(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: '3' }).error.message, 'seq must be an integer.');
  assert.equal(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: 1.5 }).error.message, 'seq must be an integer.');
  assert.match(refused({ type: 'read', id: 'c1', conversationId: 'x', seq: 2 ** 60 }).error.message, /^seq must be at most/);
  const badId = refused({ type: 'ping', id: 42 });
  assert.equal(badId.error.message, 'id must be a string.');
  assert.equal(badId.id, undefined, 'an invalid correlation id is not echoed');
  assert.equal(refused(null).error.code, 'bad_request');
  assert.equal(refused([{ type: 'ping', id: 'c1' }]).error.code, 'bad_request');
  assert.equal(refused('ping').error.code, 'bad_request');
});

test('resume points are checked all the way down', () => {
  const hello = (resume: unknown) => ({ type: 'hello', id: 'h', v: 1, token: 't', resume });
  assert.equal(checkCommand(hello({ cursor: 3 })).ok, true);
  assert.equal(checkCommand(hello({ conversations: { cnv_a: 4 } })).ok, true);
  assert.equal(refused(hello({ cursor: -1 })).error.message, 'resume.cursor must be at least 0.');
  assert.equal(refused(hello({ conversations: { cnv_a: 'x' } })).error.message, 'resume.conversations.cnv_a must be an integer.');
  assert.equal(refused(hello({ conversations: [1, 2] })).error.message, 'resume.conversations must be a JSON object.');
  assert.equal(refused(hello('all')).error.message, 'resume must be a JSON object.');
});

test('a deeply nested value is refused without recursion trouble', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  assert.equal(refused({ type: 'context.update', id: 'c1', context: deep, extra: deep }).error.code, 'bad_request');
  assert.equal(refused({ type: 'context.update', id: 'c1', context: deep }).error.message, 'Unexpected field "a" in context.');
});

test('context.update: an optional email must look like an address, with a message that says so', () => {
  assert.equal(checkCommand({ type: 'context.update', id: 'c1', context: { url: 'https://a.example/' } }).ok, true);
  assert.equal(checkCommand({ type: 'context.update', id: 'c1', context: { email: 'ada@example.com' } }).ok, true);
  for (const email of ['not-an-email', 'a b@example.com', 'ada@example', '', `${'a'.repeat(250)}@example.com`]) {
    const r = refused({ type: 'context.update', id: 'c1', context: { email } });
    assert.match(r.error.message, /^context\.email must (be an email address like name@example.com|have at most 254 characters)/, email);
  }
  assert.equal(refused({ type: 'context.update', id: 'c1', context: { email: 42 } }).error.message, 'context.email must be a string.');
});

test('isEmail (the widget\'s check, no validator) accepts what people type and refuses the rest', () => {
  assert.equal(isEmail('ada.lovelace+chat@mail.example.org'), true);
  assert.equal(isEmail('ada@localhost'), false);
  assert.equal(isEmail('@example.com'), false);
  assert.equal(isEmail(null), false);
});
