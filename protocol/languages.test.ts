import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUES } from '../widget/i18n.ts';
import { WIDGET_LANGUAGES } from './languages.ts';

test('a site can pick exactly the languages the widget speaks', () => {
  assert.deepEqual([...WIDGET_LANGUAGES].sort(), Object.keys(CATALOGUES).sort());
});
