import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BootOptions, MountArgs, MountFn, WidgetController } from './api.ts';
import { createFront, replayQueue } from './front.ts';

/** A window with just what the front touches; the shell (DOM) is injected. */
function fakeWin(stored: Record<string, string> = {}) {
  const data = new Map(Object.entries(stored));
  const localStorage = {
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
  return { win: { document: { readyState: 'complete' }, localStorage } as unknown as Window, data };
}

function harness(stored?: Record<string, string>, boot: BootOptions = {}) {
  const { win, data } = fakeWin(stored);
  const calls: string[] = [];
  const shells: { removed: boolean; launcher?: boolean; onLaunch: () => void }[] = [];
  let mountArgs: MountArgs | null = null;
  let resolveLoad!: (m: MountFn) => void;
  let loads = 0;
  let idle: (() => void) | null = null;
  const ctrl: WidgetController = {
    open: () => calls.push('open'),
    close: () => calls.push('close'),
    toggle: () => calls.push('toggle'),
    identify: (t) => calls.push('identify:' + t),
    update: (o) => calls.push('update:' + JSON.stringify(o)),
    shutdown: () => calls.push('shutdown'),
    showNewMessage: (text) => calls.push('showNewMessage:' + text),
    showLauncher: () => calls.push('showLauncher'),
    hideLauncher: () => calls.push('hideLauncher'),
    getVisitorId: () => 'vis_1',
    consent: () => calls.push('consent'),
  };
  const front = createFront({
    win,
    defaults: { siteKey: 'site1', apiBase: 'https://chat.example/', locale: 'de', ...boot },
    load: () => {
      loads++;
      return new Promise((r) => (resolveLoad = r));
    },
    whenIdle: (fn) => (idle = fn),
    createShell: (_doc, _o, onLaunch) => {
      const shell: { removed: boolean; launcher?: boolean; onLaunch: () => void } = { removed: false, onLaunch };
      shells.push(shell);
      return {
        host: {} as HTMLElement,
        root: {} as ShadowRoot,
        showLauncher: (show: boolean) => void (shell.launcher = show),
        remove: () => void (shell.removed = true),
      };
    },
  });
  const mount: MountFn = (args) => ((mountArgs = args), ctrl);
  return {
    front, calls, shells, data,
    get loads() { return loads; },
    get mountArgs() { return mountArgs; },
    finishLoad: async () => (resolveLoad(mount), await new Promise((r) => setTimeout(r, 0))),
    runIdle: () => idle?.(),
  };
}

test('the stub queue is replayed in order; commands wait for the UI and reach it once mounted', async () => {
  const h = harness();
  const events: unknown[] = [];
  const queued = [
    ['on', 'unread-count', (d: unknown) => events.push(d)],
    ['update', { title: 'Pricing' }],
    ['boot', { siteKey: 'other', userToken: 'jwt', position: 'bottom-left' }],
    ['open'],
  ];
  replayQueue(h.front.call, queued, true);
  assert.equal(h.shells.length, 1, 'booted once: the queued boot replaces the data-site auto boot');
  assert.equal(h.loads, 1, "'open' loads the UI at once, without waiting for idle");
  assert.deepEqual(h.front.pending.map((p) => p[0]), ['update', 'open']);
  await h.finishLoad();
  assert.deepEqual(h.calls, ['update:{"title":"Pricing"}', 'open']);
  const o = h.mountArgs!.options;
  assert.deepEqual([o.siteKey, o.userToken, o.position, o.locale, o.apiBase], ['other', 'jwt', 'bottom-left', 'de', 'https://chat.example']);
  h.mountArgs!.emit('unread-count', { count: 2 });
  assert.deepEqual(events, [{ count: 2 }]);
  h.front.call('close');
  assert.deepEqual(h.calls.slice(-1), ['close'], 'after mount, commands go straight through');
});

test('data-site boots by itself; the UI loads when idle; boot twice is ignored', async () => {
  const h = harness();
  replayQueue(h.front.call, [], true);
  h.front.call('boot', { siteKey: 'again' });
  assert.equal(h.shells.length, 1);
  assert.equal(h.loads, 0, 'nothing heavy before idle');
  h.runIdle();
  assert.equal(h.loads, 1);
  await h.finishLoad();
  assert.equal(h.mountArgs!.options.siteKey, 'site1');
});

test('a launcher click before the UI loaded opens it once loaded', async () => {
  const h = harness();
  h.front.call('boot');
  h.shells[0].onLaunch();
  await h.finishLoad();
  assert.deepEqual(h.calls, ['open']);
});

test('off removes a listener; a throwing listener does not break others or the caller', async () => {
  const h = harness();
  const got: string[] = [];
  const bad = () => {
    throw new Error('host bug');
  };
  const good = () => got.push('good');
  const gone = () => got.push('gone');
  h.front.call('on', 'open', bad);
  h.front.call('on', 'open', good);
  h.front.call('on', 'open', gone);
  h.front.call('off', 'open', gone);
  h.front.call('boot');
  h.runIdle();
  await h.finishLoad();
  const origError = console.error;
  console.error = () => {};
  try {
    h.mountArgs!.emit('open', {});
  } finally {
    console.error = origError;
  }
  assert.deepEqual(got, ['good']);
});

test('shutdown before the UI loaded forgets this site’s stored session and never mounts', async () => {
  const h = harness({ 'parley:site1:token': 't', 'parley:site1:c:outbox': '[]', 'parley:site2:token': 'keep', other: 'x' });
  h.front.call('boot');
  h.front.call('open');
  h.front.call('shutdown');
  assert.equal(h.shells[0].removed, true);
  assert.deepEqual([...h.data.keys()].sort(), ['other', 'parley:site2:token']);
  await h.finishLoad();
  assert.equal(h.mountArgs, null);
  assert.deepEqual(h.calls, []);
});

test('shutdown after mount goes through the UI; boot works again afterwards', async () => {
  const h = harness();
  h.front.call('boot');
  h.runIdle();
  await h.finishLoad();
  h.front.call('shutdown');
  assert.deepEqual(h.calls, ['shutdown']);
  h.front.call('boot', { siteKey: 'site9' });
  assert.equal(h.shells.length, 2);
  h.runIdle();
  await h.finishLoad();
  assert.equal(h.mountArgs!.options.siteKey, 'site9');
});

test('a boot without any site key is refused without throwing into the page', () => {
  const { win } = fakeWin();
  const front = createFront({ win, defaults: {}, load: () => new Promise(() => {}), whenIdle: () => {}, createShell: () => assert.fail('no shell') });
  const origError = console.error;
  let logged = 0;
  console.error = () => void logged++;
  try {
    front.call('boot');
  } finally {
    console.error = origError;
  }
  assert.equal(logged, 1);
});

test("the JS API: showNewMessage loads the UI at once, the launcher hides before the UI is in, getVisitorId answers once mounted", async () => {
  const h = harness();
  h.front.call('boot');
  h.front.call('hideLauncher');
  assert.equal(h.shells[0].launcher, false, 'the placeholder launcher hides at once');
  assert.equal(h.front.call('getVisitorId'), undefined, 'no visitor before the session');
  h.front.call('showNewMessage', 'I need help with order 55');
  assert.equal(h.loads, 1, 'showNewMessage loads the UI without waiting for idle');
  await h.finishLoad();
  assert.deepEqual(h.calls, ['hideLauncher', 'showNewMessage:I need help with order 55']);
  assert.equal(h.front.call('getVisitorId'), 'vis_1');
  h.front.call('showLauncher');
  assert.deepEqual(h.calls.slice(-1), ['showLauncher']);
});

test('consent mode: nothing loaded or stored before consent; opening the launcher is consent and loads the UI', async () => {
  const h = harness({}, { requireConsent: true });
  h.front.call('boot');
  assert.equal(h.shells.length, 1, 'the launcher is there');
  h.runIdle();
  assert.equal(h.loads, 0, 'no UI on idle');
  assert.equal(h.data.size, 0, 'nothing stored');
  h.shells[0].onLaunch();
  assert.equal(h.data.get('parley:site1:consent'), '1', 'the consent is the first thing stored');
  assert.equal(h.loads, 1);
  await h.finishLoad();
  assert.equal(h.mountArgs?.options.consented, true, 'the UI knows (its session says so)');
  assert.deepEqual(h.calls, ['open']);
});

test("consent mode: Parley('consent', true) loads the UI; Parley('consent', false) forgets everything and waits again", async () => {
  const h = harness({ 'other:key': 'kept' }, { requireConsent: true });
  h.front.call('boot');
  h.front.call('consent', true);
  assert.equal(h.loads, 1);
  await h.finishLoad();
  h.data.set('parley:site1:token', 'tok');
  h.data.set('parley:site1:c:outbox', '[]');
  h.front.call('consent', false);
  assert.deepEqual(h.calls, ['shutdown'], 'the UI stopped');
  assert.deepEqual([...h.data.keys()], ['other:key'], "every key of the widget is gone, the page's own stay");
  assert.equal(h.shells[0].removed, true);
  assert.equal(h.shells.length, 2, 'a fresh launcher, waiting for consent');
  h.runIdle();
  assert.equal(h.loads, 1, 'nothing loads again by itself');
  assert.equal(h.data.size, 1);
});

test('consent mode: consent given on an earlier page is remembered; a page opening the chat counts as consent', async () => {
  const remembered = harness({ 'parley:site1:consent': '1' }, { requireConsent: true });
  remembered.front.call('boot');
  remembered.runIdle();
  assert.equal(remembered.loads, 1, 'loads on idle like any page');
  const opened = harness({}, { requireConsent: true });
  opened.front.call('boot');
  opened.front.call('open');
  assert.equal(opened.loads, 1);
  assert.equal(opened.data.get('parley:site1:consent'), '1');
});

test("without consent mode the UI loads on idle; Parley('consent', false) then switches consent mode on", async () => {
  const h = harness();
  h.front.call('boot');
  h.runIdle();
  assert.equal(h.loads, 1);
  await h.finishLoad();
  h.front.call('consent', true);
  assert.deepEqual(h.calls, ['consent'], 'a mounted UI is told (a session the site refused opens now)');
  h.front.call('consent', false);
  h.runIdle();
  assert.equal(h.loads, 1, 'after withdrawing, nothing loads until consent');
  assert.equal(h.data.size, 0);
});
