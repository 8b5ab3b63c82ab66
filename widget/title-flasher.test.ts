import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTitleFlasher } from './title-flasher.ts';

/** Manual interval clock: tick() runs every registered interval once. */
function fakeIntervals() {
  const fns = new Map<number, () => void>();
  let next = 1;
  return {
    setInterval: (fn: () => void) => (fns.set(next, fn), next++),
    clearInterval: (h: unknown) => void fns.delete(h as number),
    tick: () => [...fns.values()].forEach((f) => f()),
    get count() {
      return fns.size;
    },
  };
}

test('flashes between the message and the page title, then restores the title exactly', () => {
  const doc = { title: 'Pricing — Acme  ' };
  const timers = fakeIntervals();
  const f = createTitleFlasher({ doc, ...timers });
  f.flash('(1) New message');
  assert.equal(doc.title, '(1) New message');
  timers.tick();
  assert.equal(doc.title, 'Pricing — Acme  ');
  timers.tick();
  assert.equal(doc.title, '(1) New message');
  f.flash('(2) New message'); // a second message updates the text without restarting
  assert.equal(timers.count, 1);
  timers.tick();
  timers.tick();
  assert.equal(doc.title, '(2) New message');
  f.stop();
  assert.equal(doc.title, 'Pricing — Acme  ');
  assert.equal(timers.count, 0);
  assert.equal(f.active, false);
});

test('a title the page sets while flashing is the one restored', () => {
  const doc = { title: 'Home' };
  const timers = fakeIntervals();
  const f = createTitleFlasher({ doc, ...timers });
  f.flash('(1) New message');
  doc.title = 'Checkout'; // SPA navigation
  timers.tick();
  assert.equal(doc.title, '(1) New message');
  timers.tick();
  assert.equal(doc.title, 'Checkout');
  timers.tick();
  f.stop();
  assert.equal(doc.title, 'Checkout');
});

test('stop without flash leaves the title alone', () => {
  const doc = { title: 'Home' };
  const f = createTitleFlasher({ doc, ...fakeIntervals() });
  f.stop();
  assert.equal(doc.title, 'Home');
});
