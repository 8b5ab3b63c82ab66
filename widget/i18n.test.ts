import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, loadTranslator, pickLocale, type Strings } from './i18n.ts';
import { formatBytes } from './uploads.ts';
import { partText, type PartStrings } from './part-strings.ts';
import { partStringsReady, setPartLanguage } from './part-language.ts';
import { catalogueProblems } from '../i18n/check.ts';
import { splitLinks } from './linkify.ts';
import { OPEN_CHAT, launcherLabel } from './shell.ts';

/** Every catalogue, loaded the way the widget loads them (each is a lazy chunk). */
const LOCALES: Record<string, Strings> = Object.fromEntries(
  await Promise.all(Object.entries(CATALOGUES).map(async ([name, load]) => [name, (await load()).default] as const)),
);

test('pickLocale: boot option first, then navigator languages, else English', () => {
  assert.equal(pickLocale(['de', 'en-US']), 'de');
  assert.equal(pickLocale([undefined, 'de-AT', 'en']), 'de');
  assert.equal(pickLocale(['xx', 'fr-FR']), 'fr');
  assert.equal(pickLocale(['xx', 'pt-BR']), 'en');
  assert.equal(pickLocale(['ar-EG']), 'ar');
  assert.equal(pickLocale(['EN_gb']), 'en');
  assert.equal(pickLocale([]), 'en');
  assert.equal(pickLocale(['xx', null], ''), '', 'a fallback says none was spoken (then the site default applies)');
});

test('every locale has every string, with the same placeholders, and placeholders are filled', async () => {
  assert.deepEqual(Object.keys(LOCALES).sort(), ['ar', 'de', 'en', 'es', 'fr'], 'English, German, French, Spanish and Arabic');
  // The shared check (i18n/check.ts): a missing, stray or mistyped key fails here.
  assert.deepEqual(catalogueProblems(LOCALES), []);
  const { send: _missing, ...withoutSend } = LOCALES.fr;
  assert.deepEqual(catalogueProblems({ en: LOCALES.en, fr: withoutSend as Strings }), ['fr: missing "send"'], 'the check catches a missing key');
  const t = await loadTranslator('de');
  assert.equal(t('newMessage', { n: 2 }), '(2) Neue Nachricht');
});

test("the loader's launcher label speaks every locale, chosen like the UI's", async () => {
  assert.deepEqual(Object.keys(OPEN_CHAT).sort(), Object.keys(LOCALES).sort(), 'the loader knows every locale');
  for (const [locale, table] of Object.entries(LOCALES)) assert.equal(OPEN_CHAT[locale], table.openChat);
  assert.equal(launcherLabel('de', { languages: ['en-US'] }), 'Chat öffnen', 'the boot option wins');
  assert.equal(launcherLabel(undefined, { languages: ['pt-BR', 'de-AT'] }), 'Chat öffnen', 'first supported browser language');
  assert.equal(launcherLabel(undefined, { languages: ['pt'], language: 'pt' }), 'Open chat');
  assert.equal(launcherLabel(undefined, undefined), 'Open chat');
  for (const l of [undefined, 'de', 'fr', 'pt']) assert.equal(launcherLabel(l, { languages: ['de'] }), (await loadTranslator(pickLocale([l, 'de'])))('openChat'));
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

/** The lazy parts' strings: one table per language (part-locales/), fetched with the first lazy part. */
test('the lazy parts\' strings speak every locale, with every part, every string and the same placeholders', async () => {
  const tables: Record<string, PartStrings> = {};
  for (const locale of Object.keys(LOCALES)) tables[locale] = (await import(`./part-locales/${locale}.ts`)).default;
  const holes = (s: string) => (s.match(/\{\w+\}/g) || []).sort();
  const en = tables.en as unknown as Record<string, Record<string, string>>;
  assert.ok(Object.keys(en).length >= 6, 'thread, email, files, hours, conversations, privacy');
  for (const [locale, table] of Object.entries(tables as unknown as Record<string, Record<string, Record<string, string>>>)) {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort(), locale);
    for (const part of Object.keys(en)) {
      assert.deepEqual(Object.keys(table[part]).sort(), Object.keys(en[part]).sort(), `${locale}.${part}`);
      for (const [k, v] of Object.entries(table[part])) assert.deepEqual(holes(v), holes(en[part][k]), `${locale}.${part}.${k}`);
    }
  }
});

test('the parts\' strings load in the visitor\'s language, follow a language change, and fall back to English', async () => {
  await setPartLanguage('de'); // no part shown yet: nothing fetched until one is
  await partStringsReady();
  assert.equal(partText('email')('transcriptSent', { email: 'a@b.de' }), 'Gesendet an a@b.de.');
  assert.equal(partText('lifecycle')('rateLabel', { n: 4 }), '4 von 5');
  // Loaded once: a change of language fetches the new one before it resolves, so the next draw speaks it.
  await setPartLanguage('fr');
  assert.equal(partText('hours')('queuePlace', { n: 2 }), 'Vous êtes numéro 2 dans la file. Un agent arrive bientôt.');
  assert.equal(partText('privacy')('declined', { site: 'Acme' }), 'Acme a refusé votre dernière demande. Vous pouvez la refaire, ou leur écrire dans le chat.');
  await setPartLanguage('pt');
  assert.equal(partText('thread')('typing', { name: 'Ana' }), 'Ana is typing…', 'a language the widget lacks speaks English');
  assert.equal(partText('file')('tooLarge', { name: 'a.png', size: formatBytes(10 * 1024 * 1024) }), 'a.png is larger than 10 MB.');
});
