import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueProblems } from '../../i18n/check.ts';
import { LOCALE_NAMES, LOCALES, locale, rich, setLocale, t } from './index.ts';

test('every dashboard locale has exactly the English keys, the same placeholders and its plural forms', () => {
  assert.deepEqual(Object.keys(LOCALES).sort(), ['ar', 'de', 'en', 'es', 'fr']);
  assert.deepEqual(Object.keys(LOCALE_NAMES).sort(), Object.keys(LOCALES).sort());
  assert.deepEqual(catalogueProblems(LOCALES), []);
});

test('the agent chooses the language; otherwise the browser does; English is the fallback', () => {
  try {
    assert.equal(setLocale(null, ['fr-CA', 'en']), 'fr');
    assert.equal(t('inbox.title'), 'Boîte de réception');
    assert.equal(setLocale('de', ['fr-CA']), 'de');
    assert.equal(t('top.unreadLabel', { n: 1 }), '1 ungelesene Nachricht');
    assert.equal(setLocale('xx', ['pt-BR']), 'en');
    assert.equal(locale(), 'en');
    assert.equal(t('top.unreadLabel', { n: 3 }), '3 unread messages');
  } finally {
    setLocale('en');
  }
});

test('rich() puts elements where the placeholders are and keeps the rest as text', () => {
  assert.deepEqual(rich('Press {next} or {help}.', { next: 'J', help: 'H' }), ['Press ', 'J', ' or ', 'H', '.']);
  assert.deepEqual(rich('No {x} here', {}), ['No ', '{x}', ' here']);
});
