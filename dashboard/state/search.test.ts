import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyMarked, markQuery, snippetParts } from './search.ts';

test('a marked snippet splits into plain and marked parts', () => {
  assert.deepEqual(snippetParts('…my «order» never «arrived» yet'), [
    { text: '…my ', mark: false },
    { text: 'order', mark: true },
    { text: ' never ', mark: false },
    { text: 'arrived', mark: true },
    { text: ' yet', mark: false },
  ]);
});

test('markup in a message stays text: the parts carry it verbatim for text rendering', () => {
  const parts = snippetParts('<img src=x onerror=alert(1)> «script» </b>');
  assert.deepEqual(parts.map((p) => p.text).join(''), '<img src=x onerror=alert(1)> script </b>');
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['script']);
});

test('edge cases: no marks, an unclosed mark, a stray close, empty marks', () => {
  assert.deepEqual(snippetParts('plain'), [{ text: 'plain', mark: false }]);
  assert.deepEqual(snippetParts('a «b'), [{ text: 'a ', mark: false }, { text: 'b', mark: true }]);
  assert.deepEqual(snippetParts('a » b'), [{ text: 'a » b', mark: false }]);
  assert.deepEqual(snippetParts('«»x'), [{ text: 'x', mark: false }]);
  assert.deepEqual(snippetParts(''), []);
});

test('a visitor name or address marks the words a query word starts, without case', () => {
  assert.deepEqual(markQuery('Grace Hopper', 'hop'), [
    { text: 'Grace ', mark: false },
    { text: 'Hopper', mark: true },
  ]);
  assert.deepEqual(
    markQuery('grace@navy.test', 'GRACE@navy').filter((p) => p.mark).map((p) => p.text),
    ['grace', 'navy'],
  );
  assert.deepEqual(markQuery('Grace Hopper', 'lovelace'), [{ text: 'Grace Hopper', mark: false }]);
  assert.equal(anyMarked(markQuery('Grace Hopper', '')), false);
  assert.deepEqual(markQuery('', 'x'), []);
});
