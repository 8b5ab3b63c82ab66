import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRouter, parseRoute, routePath } from './route.ts';

test('paths and routes map both ways', () => {
  assert.deepEqual(parseRoute('/dashboard/'), { page: 'inbox', conversationId: null });
  assert.deepEqual(parseRoute('/dashboard'), { page: 'inbox', conversationId: null });
  assert.deepEqual(parseRoute('/dashboard/c/cnv_1'), { page: 'inbox', conversationId: 'cnv_1' });
  assert.deepEqual(parseRoute('/dashboard/settings'), { page: 'settings', section: null });
  assert.deepEqual(parseRoute('/dashboard/settings/widget/'), { page: 'settings', section: 'widget' });
  assert.deepEqual(parseRoute('/dashboard/settings/%E0%A4%A'), { page: 'settings', section: '%E0%A4%A' }, 'a broken escape is kept as text');
  for (const p of ['/dashboard/', '/dashboard/c/cnv_1', '/dashboard/settings', '/dashboard/settings/team']) assert.equal(routePath(parseRoute(p)), p);
});

test('going somewhere pushes a history entry (or replaces it); back restores the page', () => {
  const loc = { pathname: '/dashboard/' };
  const entries: string[] = ['/dashboard/'];
  let listener: (() => void) | undefined;
  const history = {
    pushState: (_s: unknown, _t: string, url: string) => { entries.push(url); loc.pathname = url; },
    replaceState: (_s: unknown, _t: string, url: string) => { entries[entries.length - 1] = url; loc.pathname = url; },
  } as unknown as History;
  const win = { addEventListener: (_: string, l: () => void) => (listener = l), removeEventListener: () => (listener = undefined) } as unknown as Window;
  const router = createRouter(loc, history, win);
  router.go({ page: 'inbox', conversationId: 'cnv_1' }, true);
  router.go({ page: 'settings', section: 'widget' });
  assert.deepEqual(entries, ['/dashboard/c/cnv_1', '/dashboard/settings/widget']);
  // The browser's back button: the location changes, then popstate.
  entries.pop();
  loc.pathname = entries[entries.length - 1];
  listener!();
  assert.deepEqual(router.route.get(), { page: 'inbox', conversationId: 'cnv_1' });
  router.dispose();
  assert.equal(listener, undefined);
});
