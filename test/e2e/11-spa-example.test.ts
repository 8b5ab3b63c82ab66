import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardShows, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * examples/spa: the ESM build in a single-page app. The app opens the chat from its own button and
 * reports client-side navigation with update(), so staff see the page the visitor is on.
 */
const { stack, page } = useStack();

test('the ESM build works in a single-page app and reports navigation', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const fetched: string[] = [];
  v.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.url().startsWith(stack.parleyUrl) && path.startsWith('/widget/') && r.ok()) fetched.push(path);
  });

  await v.goto(stack.examples.pages.spa);
  await widget(v).launcher.waitFor();
  await waitConnected(v);
  // Client-side navigation (pushState), then the app's own "Chat with us" button calls open().
  await v.getByRole('link', { name: 'Pricing' }).click();
  await v.getByRole('link', { name: 'Help' }).click();
  await v.getByRole('heading', { name: 'Help' }).waitFor();
  await v.getByRole('button', { name: 'Chat with us' }).click();
  await widget(v).input.waitFor({ state: 'visible' });
  const text = 'Where do I find the API docs?';
  await sendFromWidget(v, text);
  await widgetShows(v, [text]);
  // Exactly one Parley on the page: the ESM build adds no global at all.
  assert.equal(await v.evaluate(() => document.querySelectorAll('parley-widget').length), 1);
  // The module's lazy parts and catalogues are hashed chunks beside it, fetched relative to its URL:
  // one language (of the five), and the thread once there is a message.
  assert.ok(fetched.includes('/widget/parley.esm.js'), fetched.join(', '));
  assert.equal(fetched.filter((p) => /^\/widget\/(en|de|fr|es|ar)\.[0-9a-f]{10}\.js$/.test(p)).length, 1, fetched.join(', '));
  assert.ok(fetched.some((p) => /^\/widget\/chat-parts\.[0-9a-f]{10}\.js$/.test(p)), fetched.join(', '));

  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, text);
  await dashboardShows(a, [text]);
  const visitorPage = dashboard(a).visitorPanel.locator('[data-testid="visitor-page"]');
  await eventually(async () => {
    const shown = await visitorPage.innerText();
    assert.match(shown, /Acme Docs — Help/);
    assert.match(shown, /\/spa\/help/);
  });

  assert.deepEqual(errors, []);
});
