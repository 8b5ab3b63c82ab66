import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readScriptOptions, uiUrlFor } from './script-options.ts';

test('ui.js is found beside widget.js, or under /widget/ when widget.js is at the root', () => {
  assert.equal(uiUrlFor('https://chat.example/widget.js'), 'https://chat.example/widget/ui.js');
  assert.equal(uiUrlFor('https://chat.example/widget.js?v=3'), 'https://chat.example/widget/ui.js');
  assert.equal(uiUrlFor('https://chat.example/widget/widget.js'), 'https://chat.example/widget/ui.js');
  assert.equal(uiUrlFor('https://cdn.example/parley/1.2/widget.js'), 'https://cdn.example/parley/1.2/ui.js');
  // Built, the loader knows the UI's content-hashed name.
  assert.equal(uiUrlFor('https://chat.example/widget.js', 'ui.0123456789.js'), 'https://chat.example/widget/ui.0123456789.js');
});

test('data-* attributes become boot defaults; the API defaults to the script origin', () => {
  const script = (dataset: Record<string, string>, src = 'https://chat.example/widget.js') =>
    ({ dataset, src }) as unknown as HTMLScriptElement;
  assert.deepEqual(readScriptOptions(script({ site: 'pk_1', position: 'bottom-left', zIndex: '99', locale: 'de', color: '#f00' })), {
    siteKey: 'pk_1',
    position: 'bottom-left',
    zIndex: 99,
    locale: 'de',
    color: '#f00',
    apiBase: 'https://chat.example',
  });
  const o = readScriptOptions(script({ site: 'pk_1', zIndex: 'lots', api: 'https://api.example' }, 'https://cdn.example/w/widget.js'));
  assert.equal(o.zIndex, undefined);
  assert.equal(o.apiBase, 'https://api.example');
});
