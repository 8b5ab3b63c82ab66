import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { loginDashboard, openConversation, reply, waitLive } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';

/**
 * Scenario 71: the dashboard under a strict Content-Security-Policy (script-src 'self', no inline),
 * with the staff session in an httpOnly SameSite=Strict cookie that no script can read: not in
 * localStorage, not in document.cookie, not in any answer. A reload keeps the session; logout ends it
 * for every tab; a write without the CSRF token is refused even from the dashboard's own origin.
 */
const { stack, page } = useStack();

test('the dashboard runs under its strict CSP with a cookie session script cannot read', async () => {
  const a = await page();
  const errors = watchErrors(a);
  const violations: string[] = [];
  a.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  const bodies: string[] = [];
  a.on('response', async (res) => {
    if (res.url().includes('/api/v1/staff/')) bodies.push(await res.text().catch(() => ''));
  });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);

  const res = await a.context().request.get(stack.dashboardUrl);
  const csp = res.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

  // The session is nowhere a script could take it from.
  const exposed = await a.evaluate(() => ({ cookie: document.cookie, storage: JSON.stringify({ ...localStorage }) }));
  assert.doesNotMatch(exposed.cookie, /parley_session/);
  assert.doesNotMatch(exposed.storage, /ey[\w-]+\.ey[\w-]+\./, 'no JWT in localStorage');
  for (const b of bodies) assert.doesNotMatch(b, /"token"/, 'no token in a staff answer');
  const cookie = (await a.context().cookies()).find((c) => c.name === 'parley_session')!;
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');

  // It works: a visitor writes, the agent answers.
  const v = await page();
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Does the strict dashboard answer?');
  await openConversation(a, 'Does the strict dashboard answer?');
  await reply(a, 'It does');
  await widgetShows(v, ['Does the strict dashboard answer?', 'It does']);

  assert.equal(violations.length, 0, `the dashboard itself needs nothing its CSP forbids: ${violations.join('; ')}`);
  // An injected inline script does not run (the CSP at work), and a write without the CSRF token is
  // refused even from the dashboard's own page.
  const injected = await a.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.appendChild(s);
    const r = await fetch('/api/v1/canned-responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shortcut: 'x', text: 'y' }) });
    return { ran: (window as unknown as { __ran?: boolean }).__ran === true, status: r.status, code: (await r.json()).code };
  });
  assert.deepEqual(injected, { ran: false, status: 403, code: 'csrf_failed' });
  assert.ok(violations.some((m) => m.includes('inline script')), 'the browser refused the injected script');

  // A reload keeps the session (the cookie), and a second tab shares it.
  await a.reload();
  await waitLive(a);
  const tab = await a.context().newPage();
  await tab.goto(stack.dashboardUrl);
  await waitLive(tab);
  // Logout ends it everywhere: the other tab is back at the login form.
  await a.locator('[data-testid="logout-button"]').click();
  await tab.locator('[data-testid="login-form"]').waitFor();
  assert.equal((await a.context().request.get(`${stack.parleyUrl}/api/v1/staff/me`)).status(), 401);

  assert.equal(violations.length, 1, violations.join('\n'));
  assert.deepEqual(errors, []);
});
