import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { QUEUE_STUB } from '../../protocol/snippet.ts';
import { holdNext, seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { loginDashboard } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, waitConnected, widget } from './support/widget.ts';

/**
 * Scenario 50: a site owner runs the widget from the dashboard's settings area: deep links and the
 * back button, the widget settings (contrast check, live preview) reaching a visitor whose chat is
 * already open, the installation snippet and check, allowed origins, agents kept out, and a phone.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const admin = () => stack.agents.a;
const agent = () => stack.agents.b;

test('widget settings: the contrast check, the preview, and the change reaching an open chat at once', async () => {
  const [a, v] = await Promise.all([page(), page()]);
  const errors = [...watchErrors(a), ...watchErrors(v)];
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await waitConnected(v);

  await loginDashboard(a, stack.dashboardUrl, admin());
  await $(a, 'settings-button').click();
  await $(a, 'widget-form').waitFor();
  assert.equal(new URL(a.url()).pathname, '/dashboard/settings/widget', 'the first section opens on a wide screen');

  await $(a, 'widget-greeting').fill('Welcome to the trail shop!');
  await $(a, 'widget-color').fill('#ffeb3b');
  await eventually(async () => assert.match(await $(a, 'widget-contrast').innerText(), /White text on it: 1\.\d\d:1, below the 4\.5:1 needed/));
  assert.equal(await $(a, 'widget-save').isDisabled(), true, 'an unreadable accent cannot be saved');
  await $(a, 'widget-use-suggestion').click();
  const suggested = await $(a, 'widget-color').inputValue();
  assert.match(suggested, /^#[0-9a-f]{6}$/);
  assert.match(await $(a, 'widget-contrast').innerText(), /White text on it: 4\.\d\d:1, readable/);
  await $(a, 'widget-launcher-label').fill('Chat with us');
  await $(a, 'widget-position-bottom-left').check();
  await $(a, 'widget-reply-time').fill('an hour');
  // The preview follows every keystroke, before anything is saved.
  assert.equal(await $(a, 'preview-greeting').innerText(), 'Welcome to the trail shop!');
  assert.equal((await $(a, 'preview-launcher').innerText()).trim(), 'Chat with us');
  assert.ok(await a.locator('.wp.wp-left').count(), 'the preview shows the left corner');
  await $(a, 'widget-save').click();
  await eventually(async () => assert.match(await $(a, 'widget-status').innerText(), /Saved/));

  // The visitor's open chat changes without a reload: greeting, accent, then (closed) launcher side and label.
  const w = widget(v);
  await eventually(async () => assert.equal(await $(v, 'parley-greeting').locator('.msg').innerText(), 'Welcome to the trail shop!'));
  const rgb = suggested.slice(1).match(/../g)!.map((h) => parseInt(h, 16)).join(', ');
  await eventually(async () => assert.equal(await v.locator('parley-widget').evaluate((h) => getComputedStyle(h.shadowRoot!.querySelector('.head')!).backgroundColor), `rgb(${rgb})`));
  await $(v, 'parley-close').click();
  await eventually(async () => assert.equal((await $(v, 'parley-launcher').locator('span').first().innerText()).trim(), 'Chat with us'));
  const box = (await w.launcher.boundingBox())!;
  assert.ok(box.x < 100, `the launcher moved to the left corner (x = ${box.x})`);
  // A new page load reads the same from the store.
  await v.reload();
  await eventually(async () => assert.equal((await $(v, 'parley-launcher').locator('span').first().innerText()).trim(), 'Chat with us'));
  assert.deepEqual(errors, []);
});

test('the default language speaks to visitors whose browser asks for none the widget has, live and on the next page', async () => {
  // Portuguese: a language the widget has no catalogue for (it speaks en, de, fr, es, ar).
  const [a, portuguese, english] = await Promise.all([page(), page({ locale: 'pt-BR' }), page({ locale: 'en-US' })]);
  for (const v of [portuguese, english]) {
    await v.goto(stack.examples.pages.anonymous);
    await waitConnected(v);
  }
  const launcherName = (v: Page) => widget(v).launcher.getAttribute('aria-label');
  assert.equal(await launcherName(portuguese), 'Open chat');
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings/widget`);
  await $(a, 'widget-language').selectOption('de');
  await $(a, 'widget-save').click();
  await eventually(async () => assert.match(await $(a, 'widget-status').innerText(), /Saved/));
  await eventually(async () => assert.equal(await launcherName(portuguese), 'Chat öffnen'));
  await portuguese.reload();
  await waitConnected(portuguese);
  assert.equal(await launcherName(portuguese), 'Chat öffnen', 'the next page starts in it');
  assert.equal(await launcherName(english), 'Open chat', 'a visitor whose language the widget speaks keeps it');
  await $(a, 'widget-language').selectOption('en');
  await $(a, 'widget-save').click();
  await eventually(async () => assert.equal(await launcherName(portuguese), 'Open chat'));
});

test('pre-chat email "only when nobody is available": asked while the team is away, not while an agent is online', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings/widget`);
  await $(a, 'widget-prechat').selectOption('offline');
  await $(a, 'widget-save').click();
  await eventually(async () => assert.match(await $(a, 'widget-status').innerText(), /Saved/));
  const form = (v: Page) => v.locator('[data-testid="parley-prechat"]');
  const online = await page();
  await online.goto(stack.examples.pages.anonymous);
  await openWidget(online);
  await widget(online).input.waitFor();
  assert.equal(await form(online).count(), 0, 'an agent is online: write at once');
  // The agent steps away: a visitor is asked for their address first.
  await a.locator('[data-testid="availability-select"]').selectOption('away');
  const away = await page();
  await away.goto(stack.examples.pages.anonymous);
  await widget(away).launcher.click();
  await form(away).waitFor();
  assert.equal(await widget(away).input.count(), 0);
  await $(a, 'widget-prechat').selectOption('off');
  await $(a, 'widget-save').click();
  // Turned off: the open widget lets them write at once.
  await widget(away).input.waitFor();
  await a.locator('[data-testid="availability-select"]').selectOption('online');
});

test('deep links and the back button move between the inbox and each settings section', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings/origins`);
  await $(a, 'settings-section-origins').waitFor();
  assert.equal(await $(a, 'settings-nav-origins').getAttribute('aria-current'), 'page');
  await $(a, 'settings-nav-installation').click();
  await $(a, 'settings-section-installation').waitFor();
  assert.equal(new URL(a.url()).pathname, '/dashboard/settings/installation');
  await a.goBack();
  await $(a, 'settings-section-origins').waitFor();
  await $(a, 'settings-back').click();
  await $(a, 'inbox-search').waitFor();
  assert.equal(new URL(a.url()).pathname, '/dashboard/');
  await a.goBack();
  await $(a, 'settings-section-origins').waitFor();
  await a.goto(`${stack.dashboardUrl}settings/nope`);
  await $(a, 'settings-unknown').waitFor();
});

test('installation: the snippet with its queue stub, copied with one click, and where the widget was seen', async () => {
  const a = await page({ permissions: ['clipboard-read', 'clipboard-write'] });
  const v = await page();
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings/installation`);
  const snippet = await $(a, 'install-snippet').innerText();
  assert.ok(snippet.startsWith(`<script>${QUEUE_STUB}</script>`), snippet);
  assert.ok(snippet.includes(`${stack.parleyUrl}/widget.js`) && snippet.includes(`data-site="${stack.siteKey}"`));
  assert.ok((await $(a, 'install-esm').innerText()).includes(`${stack.parleyUrl}/widget/parley.esm.js`));
  await $(a, 'install-snippet-copy').click();
  await eventually(async () => assert.equal((await $(a, 'install-snippet-copy').innerText()).trim(), 'Copied'));
  assert.equal(await a.evaluate(() => navigator.clipboard.readText()), snippet.trim());

  // "Check again" waits while it asks (held by the route, no timer); a refusal shows with its code.
  const limited = await holdNext(a, '**/api/v1/admin/sites/*/installation', 'GET', (route) =>
    route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ code: 'rate_limited', message: 'Slow down.' }) }),
  );
  await $(a, 'install-refresh').click();
  await eventually(async () => assert.equal(await $(a, 'install-refresh').isDisabled(), true, 'busy while the server works'));
  limited.release();
  await seesRefusal($(a, 'install-status'), 'rate_limited', /Too many requests/);
  assert.equal(await $(a, 'install-refresh').isDisabled(), false, 'usable again after the refusal');

  // A page with the widget loads; "check again" names its origin.
  await v.goto(stack.examples.pages.anonymous);
  await waitConnected(v);
  const origin = new URL(stack.examples.pages.anonymous).origin;
  await eventually(async () => {
    await $(a, 'install-refresh').click();
    assert.match(await $(a, 'install-sightings').innerText(), new RegExp(`Seen on ${origin.replace(/[.:/]/g, '\\$&')}, last `));
  });
  assert.equal(await $(a, 'install-status').count(), 0, 'the refusal is gone once a check succeeds');
});

test('allowed origins: added in canonical form with the CLI\'s rules, refused with a sentence, removed', async () => {
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings/origins`);
  await $(a, 'origin-input').fill('shop.example/cart');
  await $(a, 'origin-add').click();
  await eventually(async () => assert.match(await $(a, 'origins-error').innerText(), /is not an origin: write it like https:\/\/shop\.example/));
  await $(a, 'origin-input').fill('HTTPS://Shop.Example/');
  await $(a, 'origin-add').click();
  const entry = a.locator('[data-origin="https://shop.example"]');
  await entry.waitFor();
  const fromShop = () => fetch(`${stack.parleyUrl}/api/v1/visitor/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://shop.example' }, body: JSON.stringify({ siteKey: stack.siteKey }) });
  assert.equal((await fromShop()).status, 200, 'the new origin may embed the widget');
  await entry.locator('[data-testid="origin-remove"]').click();
  await entry.waitFor({ state: 'detached' });
  assert.equal((await fromShop()).status, 403, 'and is refused once removed');
});

test('agents see only their own account and sites, and a deep link to an admin section tells them to ask an admin', async () => {
  const b = await page();
  await loginDashboard(b, stack.dashboardUrl, agent());
  await $(b, 'settings-button').click();
  await $(b, 'settings-section-account').waitFor();
  assert.deepEqual(await b.locator('.settings-nav li a').allInnerTexts(), ['Your account', 'Sites']);
  await b.goto(`${stack.dashboardUrl}settings/widget`);
  await eventually(async () => assert.match(await $(b, 'settings-denied').innerText(), /Only admins can change this\. Ask an admin of Acme Outdoor\./));
  assert.equal(await $(b, 'widget-form').count(), 0);
});

test('on a phone: the list of sections, one section at a time, and back to the list', async () => {
  const a = await page({ viewport: { width: 390, height: 844 } });
  await loginDashboard(a, stack.dashboardUrl, admin());
  await a.goto(`${stack.dashboardUrl}settings`);
  await $(a, 'settings-nav-widget').waitFor();
  assert.equal(new URL(a.url()).pathname, '/dashboard/settings', 'a phone stays on the list');
  await $(a, 'settings-nav-widget').click();
  await $(a, 'widget-form').waitFor();
  assert.equal(await $(a, 'settings-nav-widget').isVisible(), false, 'the list gives way to the section');
  const fits = await $(a, 'settings').evaluate((el) => el.scrollWidth <= el.clientWidth);
  assert.ok(fits, 'nothing in the section is wider than the phone');
  await $(a, 'settings-up').click();
  await $(a, 'settings-nav-origins').waitFor();
  assert.equal(await $(a, 'widget-form').isVisible(), false);
});
