import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAccent, MIN_ACCENT_CONTRAST, parseHexColor, whiteContrast } from './contrast.ts';

test('white on black is 21:1, white on white 1:1, and #767676 is the classic 4.54:1', () => {
  assert.equal(whiteContrast([0, 0, 0]), 21);
  assert.equal(whiteContrast([255, 255, 255]), 1);
  assert.equal(whiteContrast([0x76, 0x76, 0x76]), 4.54);
});

test('a light accent is refused with its ratio and the nearest darker shade that passes', () => {
  const yellow = checkAccent('#FFEB3B')!;
  assert.equal(yellow.ok, false);
  assert.equal(yellow.color, '#ffeb3b');
  assert.ok(yellow.ratio < 1.3, `ratio ${yellow.ratio}`);
  const fixed = checkAccent(yellow.suggestion!)!;
  assert.equal(fixed.ok, true);
  assert.ok(fixed.ratio >= MIN_ACCENT_CONTRAST && fixed.ratio < MIN_ACCENT_CONTRAST + 0.3, `suggestion ${yellow.suggestion} is ${fixed.ratio}:1, just past the bar`);
});

test('a dark accent passes; short hex expands; anything but hex is not a colour here', () => {
  assert.deepEqual(checkAccent('#047'), { color: '#004477', ratio: 10.03, ok: true });
  assert.equal(parseHexColor('red'), null);
  assert.equal(parseHexColor('#12345'), null);
  assert.equal(checkAccent('url(x)'), null);
});
