import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOptions } from './boot-options.ts';

const isColor = (c: string) => /^#[0-9a-f]{3,8}$|^(red|rebeccapurple)$|^rgb\(\d+ \d+ \d+\)$/i.test(c);

test('options that reach CSS are checked: a zIndex or color that is not one is dropped with a warning (was: interpolated into the shadow root)', () => {
  const warnings: string[] = [];
  const o = resolveOptions(
    { siteKey: 'pk', zIndex: '1;}</style><img src=x onerror=alert(1)>' as unknown as number, color: 'red;}</style><script>alert(1)</script>', position: 'top' as never },
    isColor,
    (m) => warnings.push(m),
  );
  assert.equal(o.zIndex, undefined);
  assert.equal(o.color, undefined);
  assert.equal(o.position, undefined, 'the site\'s own position setting decides');
  assert.deepEqual(warnings, ['zIndex must be an integer', 'color must be a CSS color', 'position must be bottom-right or bottom-left']);
  for (const z of [1.5, Infinity, NaN, 2 ** 40]) assert.equal(resolveOptions({ siteKey: 'pk', zIndex: z }, isColor, () => {}).zIndex, undefined, String(z));
});

test('good options pass unchanged', () => {
  const warnings: string[] = [];
  const o = resolveOptions({ siteKey: 'pk', zIndex: -5, color: 'rgb(10 20 30)', position: 'bottom-left', apiBase: 'https://chat.example/' }, isColor, (m) => warnings.push(m));
  assert.deepEqual(o, { siteKey: 'pk', zIndex: -5, color: 'rgb(10 20 30)', position: 'bottom-left', apiBase: 'https://chat.example' });
  assert.deepEqual(warnings, []);
});
