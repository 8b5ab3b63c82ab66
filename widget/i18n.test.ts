import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, loadTranslator, pickLocale, type Strings } from './i18n.ts';
import { formatBytes } from './uploads.ts';
import { splitLinks } from './linkify.ts';
import { OPEN_CHAT, launcherLabel } from './shell.ts';

/** Every catalogue, loaded the way the widget loads them (each is a lazy chunk). */
const LOCALES: Record<string, Strings> = Object.fromEntries(
  await Promise.all(Object.entries(CATALOGUES).map(async ([name, load]) => [name, (await load()).default] as const)),
);

test('pickLocale: boot option first, then navigator languages, else English', () => {
  assert.equal(pickLocale(['de', 'en-US']), 'de');
  assert.equal(pickLocale([undefined, 'de-AT', 'en']), 'de');
  assert.equal(pickLocale(['xx', 'fr-FR']), 'en');
  assert.equal(pickLocale(['EN_gb']), 'en');
  assert.equal(pickLocale([]), 'en');
  assert.equal(pickLocale(['xx', null], ''), '', 'a fallback says none was spoken (then the site default applies)');
});

test('every locale has every string, and placeholders are filled', async () => {
  for (const [name, table] of Object.entries(LOCALES)) {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(LOCALES.en).sort(), name);
  }
  const t = await loadTranslator('de');
  assert.equal(t('newMessage', { n: 2 }), '(2) Neue Nachricht');
  assert.equal((await loadTranslator('en'))('tooLarge', { name: 'a.png', size: formatBytes(10 * 1024 * 1024) }), 'a.png is larger than 10 MB.');
});

test("the loader's launcher label speaks every locale, chosen like the UI's", async () => {
  assert.deepEqual(Object.keys(OPEN_CHAT).sort(), Object.keys(LOCALES).sort(), 'the loader knows every locale');
  for (const [locale, table] of Object.entries(LOCALES)) assert.equal(OPEN_CHAT[locale], table.openChat);
  assert.equal(launcherLabel('de', { languages: ['en-US'] }), 'Chat öffnen', 'the boot option wins');
  assert.equal(launcherLabel(undefined, { languages: ['fr-FR', 'de-AT'] }), 'Chat öffnen', 'first supported browser language');
  assert.equal(launcherLabel(undefined, { languages: ['fr'], language: 'fr' }), 'Open chat');
  assert.equal(launcherLabel(undefined, undefined), 'Open chat');
  for (const l of [undefined, 'de', 'fr']) assert.equal(launcherLabel(l, { languages: ['de'] }), (await loadTranslator(pickLocale([l, 'de'])))('openChat'));
});

test('splitLinks links only http(s) URLs and keeps everything else as text', () => {
  assert.deepEqual(splitLinks('see https://example.com/a?b=1. ok'), [
    { text: 'see ' },
    { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { text: '. ok' },
  ]);
  assert.deepEqual(splitLinks('javascript:alert(1) <b>x</b>'), [{ text: 'javascript:alert(1) <b>x</b>' }]);
  const parts = splitLinks('a http://x.io b https://y.io');
  assert.deepEqual(parts.filter((p) => p.href).map((p) => p.href), ['http://x.io', 'https://y.io']);
  assert.equal(parts.map((p) => p.text).join(''), 'a http://x.io b https://y.io');
});

test('the email parts (a lazy chunk with its own strings) speak every locale, with every string', async () => {
  const { EMAIL_STRINGS, emailStrings } = await import('./email-strings.ts');
  assert.deepEqual(Object.keys(EMAIL_STRINGS).sort(), Object.keys(LOCALES).sort());
  for (const [name, table] of Object.entries(EMAIL_STRINGS)) assert.deepEqual(Object.keys(table).sort(), Object.keys(EMAIL_STRINGS.en).sort(), name);
  assert.equal(emailStrings('de')('transcriptSent', { email: 'a@b.de' }), 'Gesendet an a@b.de.');
});

test('the conversation parts (a lazy chunk with its own strings) speak every locale, with every string and the same placeholders', async () => {
  const { LIFECYCLE_STRINGS, lifecycleStrings } = await import('./lifecycle-strings.ts');
  assert.deepEqual(Object.keys(LIFECYCLE_STRINGS).sort(), Object.keys(LOCALES).sort());
  const holes = (s: string) => (s.match(/\{\w+\}/g) || []).sort();
  for (const [name, table] of Object.entries(LIFECYCLE_STRINGS)) {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(LIFECYCLE_STRINGS.en).sort(), name);
    for (const [k, v] of Object.entries(table)) assert.deepEqual(holes(v), holes(LIFECYCLE_STRINGS.en[k as keyof typeof LIFECYCLE_STRINGS.en]), `${name}.${k}`);
  }
  assert.equal(lifecycleStrings('de')('resolvedBy', { name: 'Alice' }), 'Alice hat dies als gelöst markiert');
});
