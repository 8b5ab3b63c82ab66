import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueProblems } from './check.ts';
import { formatBytes, formatList, formatStamp, formatTime } from './intl.ts';
import { formattingLocale, isRtl, pickLocale } from './locale.ts';
import { createTranslator } from './translate.ts';

test('the catalogue check names every missing, extra, empty or mismatched entry', () => {
  const en = { a: 'Hi {name}', b: { one: '{n} item', other: '{n} items' }, c: 'Bye' };
  assert.deepEqual(catalogueProblems({ en, de: { a: 'Hallo {name}', b: { one: 'ein Ding', other: '{n} Dinge' }, c: 'Tschüss' } }), []);
  assert.deepEqual(
    catalogueProblems({ en, de: { a: 'Hallo {nom}', b: { other: '{n} Dinge' }, d: 'extra' } as never }),
    [
      'de: missing "c"',
      'de: "a" (text) uses {nom} where a needs {name}',
      'de: "b" lacks the plural form "one"',
      'de: "d" is not in en',
    ],
  );
  assert.deepEqual(catalogueProblems({ en, fr: { ...en, b: { one: '{n} chose', two: 'deux', other: '{n} choses' }, c: ' ' } as never }), [
    'fr: "b" lacks the plural form "many"',
    'fr: "b" has a plural form "two" that fr does not use',
    'fr: "c" (text) is empty',
  ]);
});

test('translate fills placeholders, picks plural forms by n and falls back to the base catalogue', () => {
  const base = { hi: 'Hi {name}', n: { one: '{n} message', other: '{n} messages' }, only: 'English only' } as const;
  const t = createTranslator('en', base, base);
  assert.equal(t('hi', { name: 'Ada' }), 'Hi Ada');
  assert.deepEqual([t('n', { n: 1 }), t('n', { n: 2 })], ['1 message', '2 messages']);
  const ar = createTranslator<keyof typeof base>('ar', { n: { zero: 'لا رسائل', one: 'رسالة', two: 'رسالتان', few: '{n} رسائل', many: '{n} رسالة', other: '{n} رسالة' } }, base);
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => ar('n', { n })), ['لا رسائل', 'رسالة', 'رسالتان', '3 رسائل', '11 رسالة', '100 رسالة']);
  assert.equal(ar('only'), 'English only');
});

test('locales: first supported language wins; Intl gets the regional tag; Arabic is right to left', () => {
  const supported = ['en', 'de', 'ar'];
  assert.equal(pickLocale(supported, [undefined, 'fr-FR', 'de-AT', 'en']), 'de');
  assert.equal(pickLocale(supported, ['EN_gb']), 'en');
  assert.equal(pickLocale(supported, ['xx']), 'en');
  assert.equal(formattingLocale('de', ['fr', 'de-AT']), 'de-AT');
  assert.equal(formattingLocale('en', ['en_GB']), 'en-GB');
  assert.equal(formattingLocale('en', ['de']), 'en');
  assert.deepEqual(['ar', 'ar-EG', 'he', 'de'].map(isRtl), [true, true, true, false]);
});

test('times, stamps, sizes and lists follow the locale', () => {
  const at = Date.UTC(2025, 2, 12, 21, 35);
  assert.equal(formatTime(at, 'en-US', 'UTC'), '9:35 PM');
  assert.equal(formatTime(at, 'de', 'UTC'), '21:35');
  assert.equal(formatTime(at, 'en-GB', 'UTC'), '21:35');
  assert.equal(formatTime(at, 'en-US', 'No/Such_Zone').length > 0, true, 'an unknown zone still formats');
  assert.equal(formatStamp(at, at + 1000, 'de'), formatTime(at, 'de'));
  assert.equal(formatStamp(at, at + 40 * 24 * 3600_000, 'de'), '12. März');
  assert.equal(formatBytes(10 * 1024 * 1024, 'en'), '10 MB');
  assert.equal(formatBytes(2560, 'de'), '2,5 kB');
  assert.equal(formatList(['Ben', 'Ada', 'Cy'], 'de'), 'Ben, Ada und Cy');
});
