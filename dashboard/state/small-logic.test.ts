import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, scrollToReveal, shouldLoadMore } from './virtual-window.ts';
import { insertCanned, matchCanned, slashTokenAt } from './canned.ts';
import { badgeText, titleWithUnread } from './favicon-badge.ts';
import { describeUserAgent } from './user-agent.ts';
import { shortcutFor } from './shortcuts.ts';
import { loadPrefs, savePrefs, shouldNotify } from './prefs.ts';
import { applyPresenceEvent, emptyPresence, presenceFromSnapshot } from './presence.ts';

test('virtual window renders only visible rows plus overscan', () => {
  const w = computeWindow({ scrollTop: 7200, viewportHeight: 720, rowHeight: 72, count: 10_000, overscan: 5 });
  assert.deepEqual(w, { start: 95, end: 115, offsetTop: 95 * 72, totalHeight: 720_000 });
  const top = computeWindow({ scrollTop: 0, viewportHeight: 700, rowHeight: 72, count: 10_000, overscan: 5 });
  assert.equal(top.start, 0);
  assert.equal(top.end, 15);
  const end = computeWindow({ scrollTop: 10_000_000, viewportHeight: 720, rowHeight: 72, count: 100, overscan: 3 });
  assert.equal(end.end, 100);
  assert.equal(end.start, 87);
  assert.deepEqual(computeWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 72, count: 0, overscan: 3 }), { start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
});

test('infinite scroll triggers near the end; reveal scrolls minimally', () => {
  assert.equal(shouldLoadMore({ start: 0, end: 40, offsetTop: 0, totalHeight: 0 }, 50, 10), true);
  assert.equal(shouldLoadMore({ start: 0, end: 20, offsetTop: 0, totalHeight: 0 }, 50, 10), false);
  assert.equal(scrollToReveal(10, 0, 360, 72), 72 * 11 - 360);
  assert.equal(scrollToReveal(2, 720, 360, 72), 144);
  assert.equal(scrollToReveal(3, 144, 360, 72), null);
});

test('slash tokens: at start or after a space, not inside words or URLs', () => {
  assert.deepEqual(slashTokenAt('/ref', 4), { query: 'ref', start: 0, end: 4 });
  assert.deepEqual(slashTokenAt('Hi! /Ref', 8), { query: 'ref', start: 4, end: 8 });
  assert.equal(slashTokenAt('and/or', 6), null);
  assert.equal(slashTokenAt('https://x.io/a', 14), null);
  assert.equal(slashTokenAt('plain', 5), null);
  assert.deepEqual(slashTokenAt('/', 1), { query: '', start: 0, end: 1 });
});

test('canned matching ranks prefix, then substring, then text; insert replaces the token', () => {
  const items = [
    { id: '1', shortcut: 'refund', text: 'Refunds take 5 days.' },
    { id: '2', shortcut: 'hello', text: 'Hi! How can I help?' },
    { id: '3', shortcut: 'prefs', text: 'Open Settings to change preferences.' },
    { id: '4', shortcut: 'bye', text: 'Thanks, have a great day and a refund.' },
  ];
  assert.deepEqual(matchCanned(items, 're').map((c) => c.id), ['1', '3', '4']);
  assert.deepEqual(matchCanned(items, '').map((c) => c.shortcut), ['bye', 'hello', 'prefs', 'refund']);
  assert.deepEqual(matchCanned(items, 'zzz'), []);
  const token = slashTokenAt('Sure. /ref', 10)!;
  assert.deepEqual(insertCanned('Sure. /ref', token, items[0]), { text: 'Sure. Refunds take 5 days.', caret: 26 });
});

test('favicon badge text and title', () => {
  assert.equal(badgeText(0), '');
  assert.equal(badgeText(-2), '');
  assert.equal(badgeText(7), '7');
  assert.equal(badgeText(99), '99');
  assert.equal(badgeText(100), '99+');
  assert.equal(titleWithUnread('Parley Inbox', 3), '(3) Parley Inbox');
  assert.equal(titleWithUnread('Parley Inbox', 0), 'Parley Inbox');
});

test('user agents become a short browser and OS', () => {
  assert.equal(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'), 'Chrome 120 on macOS');
  assert.equal(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91'), 'Edge 120 on Windows');
  assert.equal(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'), 'Firefox 121 on Linux');
  assert.equal(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'), 'Safari 17 on iOS');
  assert.equal(describeUserAgent(undefined), 'Unknown');
});

test('shortcuts are ignored while typing and with modifiers', () => {
  assert.equal(shortcutFor({ key: 'j', target: { tagName: 'DIV' } }), 'next');
  assert.equal(shortcutFor({ key: 'ArrowUp', target: null }), 'previous');
  assert.equal(shortcutFor({ key: 'e', target: { tagName: 'TEXTAREA' } }), null);
  assert.equal(shortcutFor({ key: 'r', target: { tagName: 'DIV', isContentEditable: true } }), null);
  assert.equal(shortcutFor({ key: 'r', ctrlKey: true, target: null }), null);
  assert.equal(shortcutFor({ key: '?', target: { tagName: 'BODY' } }), 'help');
  assert.equal(shortcutFor({ key: 'Escape', target: { tagName: 'TEXTAREA' } }), 'close');
});

test('notification prefs persist and default on; notify only when hidden and not mine', () => {
  const mem = new Map<string, string>();
  const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v), removeItem: (k: string) => void mem.delete(k) };
  assert.deepEqual(loadPrefs(storage), { desktop: true, sound: true });
  savePrefs(storage, { desktop: false, sound: true });
  assert.deepEqual(loadPrefs(storage), { desktop: false, sound: true });
  mem.set('parley.dashboard.notify', '{not json');
  assert.deepEqual(loadPrefs(storage), { desktop: true, sound: true });
  assert.equal(shouldNotify({ hidden: true, authorIsMe: false, note: false }), true);
  assert.equal(shouldNotify({ hidden: false, authorIsMe: false, note: false }), false);
  assert.equal(shouldNotify({ hidden: true, authorIsMe: true, note: false }), false);
});

test('presence events and snapshots', () => {
  let s = applyPresenceEvent(emptyPresence, { kind: 'presence', entry: { actor: { kind: 'visitor', id: 'v1' }, status: 'online' } });
  s = applyPresenceEvent(s, { kind: 'presence', entry: { actor: { kind: 'staff', id: 'a' }, status: 'busy' } });
  assert.deepEqual(s, { visitors: { v1: true }, staff: { a: 'busy' } });
  const snap = presenceFromSnapshot([{ actor: { kind: 'visitor', id: 'v2' }, status: 'online' }], s);
  assert.deepEqual(snap, { visitors: { v1: false, v2: true }, staff: { a: 'offline' } });
});
