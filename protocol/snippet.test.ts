import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';
import { embedSnippet, esmSnippet, QUEUE_STUB } from './snippet.ts';

test('the snippet: queue stub, then the async loader with the site key', () => {
  assert.deepEqual(embedSnippet('https://chat.example.com/', 'pk_1'), [
    `<script>${QUEUE_STUB}</script>`,
    '<script async src="https://chat.example.com/widget.js" data-site="pk_1"></script>',
  ]);
});

test('docs and example pages paste the same queue stub', () => {
  for (const file of ['docs/embedding.md', 'examples/anonymous/index.html', 'examples/identified/index.html']) {
    assert.ok(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').includes(`<script>${QUEUE_STUB}</script>`), file);
  }
});

test('the stub queues calls in order for the loader, and leaves a loaded Parley alone', () => {
  // A page's global scope, where `window` is the global object itself.
  const page = vm.createContext({});
  vm.runInContext(`var window = this; ${QUEUE_STUB} Parley('boot', { siteKey: 'pk_1' }); Parley('open');`, page);
  assert.equal(vm.runInContext('JSON.stringify(Parley.q.map((a) => Array.from(a)))', page), '[["boot",{"siteKey":"pk_1"}],["open"]]');
  vm.runInContext('var loaded = function () {}; window.Parley = loaded;', page);
  vm.runInContext(QUEUE_STUB, page);
  assert.equal(vm.runInContext('Parley === loaded', page), true);
});

test('the ESM snippet imports the module build from the server and boots the site', () => {
  assert.deepEqual(esmSnippet('https://chat.example.com/', 'pk_1'), [
    '<script type="module">',
    "  import { boot } from 'https://chat.example.com/widget/parley.esm.js';",
    "  boot({ siteKey: 'pk_1' });",
    '</script>',
  ]);
});
