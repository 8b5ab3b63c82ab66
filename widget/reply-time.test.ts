import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTranslator } from './i18n.ts';
import { replyTimeText } from './reply-time.ts';

test("the header's reply time speaks the visitor's language, not the setting's", async () => {
  const de = await loadTranslator('de');
  assert.equal(replyTimeText(undefined, 'a few minutes', de, 'de-DE'), 'wenigen Minuten', 'the default wording, translated');
  assert.equal(replyTimeText(undefined, undefined, de, 'de-DE'), 'wenigen Minuten');
  assert.equal(replyTimeText(undefined, '5 minutes', de, 'de-DE'), '5 Minuten');
  // French puts a no-break space between the number and the unit.
  assert.equal(replyTimeText(undefined, '2 hours', await loadTranslator('fr'), 'fr-FR').replace(/\s/g, ' '), '2 heures');
  assert.equal(replyTimeText(undefined, '1 day', await loadTranslator('en'), 'en-GB'), '1 day');
  assert.equal(replyTimeText(undefined, 'under a day, Mon-Fri', de, 'de'), 'under a day, Mon-Fri', "the owner's own words are shown as written");
});

test("the server's usual reply time wins over the setting, in minutes or hours", async () => {
  const en = await loadTranslator('en');
  assert.equal(replyTimeText(5, '1 day', en, 'en-GB'), '5 minutes');
  assert.equal(replyTimeText(120, undefined, await loadTranslator('de'), 'de-DE'), '2 Stunden');
  assert.equal(replyTimeText(0, undefined, en, 'en-GB'), 'a few minutes', 'none known yet: the setting (here its default)');
});
