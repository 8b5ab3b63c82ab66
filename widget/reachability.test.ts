import { test } from 'node:test';
// 'Today' is the visitor's day: pin the zone the expectations are written in.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import type { SitePublic } from '../protocol/index.ts';
import { applyEvent } from './apply-event.ts';
import { backAtText } from './back-at.ts';
import { translator } from './i18n.ts';
import enParts from './part-locales/en.ts';
import { partStringsReady, setPartLanguage } from './part-language.ts';
import deParts from './part-locales/de.ts';
import { agentsBusy, closedNow, hideForOffline, nobodyCanAnswer, offlineFormFirst, queuePlace } from './reachability.ts';
import { initialState, type WidgetState } from './state.ts';

const site = (settings: SitePublic['settings'] = {}): SitePublic => ({ key: 'pk', name: 'Shop', settings });
const live = (p: Partial<WidgetState> = {}): WidgetState => ({ ...initialState(), phase: 'ready', connection: 'connected', availability: 'online', site: site(), ...p });

test('outside business hours nobody can answer, whoever is online; the offline form asks for the email first', () => {
  const closed = live({ hours: { open: false, until: 1 } });
  assert.equal(closedNow(closed), true);
  assert.equal(nobodyCanAnswer(closed), true);
  assert.equal(offlineFormFirst(closed), true);
  assert.equal(offlineFormFirst({ ...closed, emailKnown: true }), false, 'an address is known: straight to the message');
  assert.equal(offlineFormFirst({ ...closed, conversationId: 'c1' }), false, 'an ongoing chat goes on');
  // Open hours: chat as usual; nobody online: the site decides.
  const open = live({ hours: { open: true, until: 1 } });
  assert.equal(nobodyCanAnswer(open), false);
  assert.equal(offlineFormFirst({ ...open, availability: 'offline' }), false, "whenOffline 'chat' (default)");
  assert.equal(offlineFormFirst({ ...open, availability: 'offline', site: site({ whenOffline: 'form' }) }), true);
  // Never guessed while connecting.
  assert.equal(closedNow({ ...closed, connection: 'connecting' }), false);
});

test("whenOffline 'hide' hides the launcher while nobody can answer, but not from a visitor with a chat", () => {
  const hide = live({ site: site({ whenOffline: 'hide' }), availability: 'offline' });
  assert.equal(hideForOffline(hide), true);
  assert.equal(hideForOffline({ ...hide, availability: 'online' }), false);
  assert.equal(hideForOffline({ ...hide, conversationId: 'c1' }), false);
  assert.equal(hideForOffline({ ...hide, connection: 'connecting' }), false, 'not before the server said so');
  assert.equal(hideForOffline(live({ availability: 'offline' })), false, 'chat (default) shows it');
});

test('hours and queue events move the state; the open conversation shows its place', () => {
  let s = live({ conversationId: 'c1' });
  s = { ...s, ...applyEvent(s, { kind: 'hours', hours: { open: false, until: 5 } })!.patch };
  assert.deepEqual(s.hours, { open: false, until: 5 });
  s = { ...s, ...applyEvent(s, { kind: 'queue.position', conversationId: 'c1', position: 2 })!.patch };
  assert.equal(queuePlace(s), 2);
  s = { ...s, ...applyEvent(s, { kind: 'queue.position', conversationId: 'c1', position: 0 })!.patch };
  assert.equal(queuePlace(s), undefined);
  assert.deepEqual(s.queue, {});
});

test('"Back Monday 9:00" in the visitor\'s language and time zone', () => {
  const t = translator(enParts.hours);
  // Wednesday 2 December 2026 20:00 UTC; the team is back Thursday 08:00 UTC.
  const now = Date.parse('2026-12-02T20:00:00Z');
  const thursday = Date.parse('2026-12-03T08:00:00Z');
  const expected = new Intl.DateTimeFormat('en-GB', { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(new Date(thursday));
  assert.equal(backAtText({ open: false, until: thursday }, now, t, 'en-GB'), `Back ${expected}`);
  assert.match(expected, /^Thursday/);
  assert.equal(backAtText({ open: false }, now, t, 'en-GB'), '', 'no opening ahead: the header keeps its away line');
  const later = Date.parse('2026-12-20T08:00:00Z');
  assert.match(backAtText({ open: false, until: later }, now, translator(deParts.hours), 'de-DE'), /^Zurück .*Dezember/);
});

test('agents there but none free says "All agents are busy" and where a new conversation would stand, never "online"', async () => {
  const { headLines } = await import('./ui/HoursParts.tsx');
  await partStringsReady(); // as the lazy part's loader does before it renders (use-lazy.ts)
  const t = ((key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ''}`) as Parameters<typeof headLines>[1];
  let s = live();
  assert.equal(agentsBusy(s), false, 'someone online with room');
  s = { ...s, ...applyEvent(s, { kind: 'capacity', full: true, waiting: 2 })!.patch };
  assert.equal(agentsBusy(s), true, 'every online agent at capacity');
  assert.deepEqual(headLines(s, t, 'en'), ['All agents are busy', "You'd be number 3 in line"]);
  assert.deepEqual(headLines({ ...s, conversationId: 'c1', queue: { c1: 2 } }, t, 'en')[1], 'onlineSub{"time":"fewMinutes"}', 'their own place shows above the composer');
  assert.equal(agentsBusy({ ...s, conversationId: 'c1', queue: { c1: 2 } }), true, 'their conversation waits');
  assert.equal(agentsBusy({ ...s, conversationId: 'c2' }), false, 'an agent has theirs: they are answered');
  await setPartLanguage('de'); // the site's language changed: the part speaks it in the next draw
  assert.deepEqual(headLines(s, t, 'de')[0], 'Alle sind gerade beschäftigt');
  await setPartLanguage('en');
  s = { ...s, ...applyEvent(s, { kind: 'capacity', full: false, waiting: 0 })!.patch };
  assert.equal(agentsBusy(s), false, 'a place freed');
  // Everyone chose busy: there, but occupied; the sub line is the usual reply time.
  const chose = live({ availability: 'busy', replyMinutes: 5 });
  assert.equal(agentsBusy(chose), true);
  assert.match(headLines(chose, t, 'en')[1], /^onlineSub.*5 minutes/);
  assert.equal(agentsBusy({ ...chose, connection: 'connecting' }), false, 'never guessed while connecting');
  assert.equal(agentsBusy(live({ availability: 'offline', capacity: { full: true, waiting: 1 } })), false, 'nobody there is away, not busy');
  // Outside hours the same lines say when the team is back.
  assert.deepEqual(headLines(live({ hours: { open: false } }), t, 'en'), ['away', 'awaySub']);
});
