import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, loadTranslator, pickLocale, type Strings } from './i18n.ts';
import { formatBytes } from './uploads.ts';
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

/** The lazy parts' own string tables (each travels with its chunk), and one string each, filled in. */
const PART_TABLES = [
  { what: 'the email parts', load: async () => { const m = await import('./email-strings.ts'); return { tables: m.EMAIL_STRINGS, sample: m.emailStrings('de')('transcriptSent', { email: 'a@b.de' }), expected: 'Gesendet an a@b.de.' }; } },
  { what: 'the conversation parts', load: async () => { const m = await import('./lifecycle-strings.ts'); return { tables: m.LIFECYCLE_STRINGS, sample: m.lifecycleStrings('de')('rateLabel', { n: 4 }), expected: '4 von 5' }; } },
  { what: 'the message thread and the preview', load: async () => { const m = await import('./thread-strings.ts'); return { tables: m.THREAD_STRINGS, sample: m.threadStrings('pt')('typing', { name: 'Ana' }), expected: 'Ana is typing…' }; } },
  { what: 'business hours and the queue', load: async () => { const m = await import('./hours-strings.ts'); return { tables: m.HOURS_STRINGS, sample: m.hoursStrings('fr')('queuePlace', { n: 2 }), expected: 'Vous êtes numéro 2 dans la file. Un agent arrive bientôt.' }; } },
  { what: '"Delete my data"', load: async () => { const m = await import('./privacy-strings.ts'); return { tables: m.PRIVACY_STRINGS, sample: m.privacyStrings('fr')('declined', { site: 'Acme' }), expected: 'Acme a refusé votre dernière demande. Vous pouvez la refaire, ou leur écrire dans le chat.' }; } },
  { what: 'files in the chat', load: async () => { const m = await import('./file-strings.ts'); return { tables: m.FILE_STRINGS, sample: m.fileStrings('en')('tooLarge', { name: 'a.png', size: formatBytes(10 * 1024 * 1024) }), expected: 'a.png is larger than 10 MB.' }; } },
];

for (const part of PART_TABLES) {
  test(`${part.what} (a lazy chunk with its own strings) speak every locale, with every string and the same placeholders`, async () => {
    const { tables, sample, expected } = await part.load();
    const en = tables.en as Record<string, string>;
    assert.deepEqual(Object.keys(tables).sort(), Object.keys(LOCALES).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) || []).sort();
    for (const [name, table] of Object.entries(tables as Record<string, Record<string, string>>)) {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort(), name);
      for (const [k, v] of Object.entries(table)) assert.deepEqual(holes(v), holes(en[k]), `${name}.${k}`);
    }
    assert.equal(sample, expected, 'placeholders are filled; an unknown locale speaks English');
  });
}
