import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEmailKeys } from './keys.ts';

const keys = createEmailKeys('test-secret-0123456789abcdef');

test('a reply address names its conversation, survives case folding, and fits an email local part', () => {
  const local = keys.replyLocalPart('cnv_AbC-d_0123456789xyz');
  assert.match(local, /^reply\+[a-z2-7]+\.[a-z2-7]{16}$/);
  assert.ok(local.length <= 64, `local part of ${local.length} characters`);
  assert.equal(keys.conversationOfReplyAddress(`${local}@reply.example`), 'cnv_AbC-d_0123456789xyz');
  assert.equal(keys.conversationOfReplyAddress(`${local.toUpperCase()}@REPLY.EXAMPLE`), 'cnv_AbC-d_0123456789xyz');
});

test('forged and tampered reply addresses are refused', () => {
  const local = keys.replyLocalPart('cnv_one');
  const [token, mac] = local.slice('reply+'.length).split('.');
  const other = keys.replyLocalPart('cnv_two').slice('reply+'.length).split('.')[0];
  assert.equal(keys.conversationOfReplyAddress(`reply+${other}.${mac}@x.io`), null, 'another conversation with this mac');
  assert.equal(keys.conversationOfReplyAddress(`reply+${token}.${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}@x.io`), null, 'one mac character changed');
  assert.equal(keys.conversationOfReplyAddress(`reply+${token}@x.io`), null, 'no mac');
  assert.equal(keys.conversationOfReplyAddress('support@x.io'), null);
  assert.equal(createEmailKeys('another-secret-0123456789abcdef').conversationOfReplyAddress(`${local}@x.io`), null, 'signed by another server');
});

test('unsubscribe tokens verify, carry who and where, and refuse tampering', () => {
  const token = keys.unsubscribeToken({ kind: 'visitor', id: 'vis_1', siteId: 'site_1' });
  assert.deepEqual(keys.verifyUnsubscribeToken(token), { kind: 'visitor', id: 'vis_1', siteId: 'site_1' });
  const forged = `${Buffer.from('s.site_1.stf_1').toString('base64url')}.${token.split('.')[1]}`;
  assert.equal(keys.verifyUnsubscribeToken(forged), null);
  assert.equal(keys.verifyUnsubscribeToken('garbage'), null);
  // The reply key does not sign unsubscribe tokens and vice versa: purposes have their own keys.
  assert.notEqual(keys.replyLocalPart('v.site_1.vis_1').split('.')[1], token.split('.')[1]);
});
