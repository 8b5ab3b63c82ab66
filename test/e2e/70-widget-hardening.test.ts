import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { dashboardShows, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { eventually } from './support/wait.ts';
import { useStack } from './support/use-stack.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/** The launcher's box once it is laid out (it can be re-rendered right after it first shows, when a read gets null). */
async function launcherBox(w: ReturnType<typeof widget>) {
  return eventually(async () => {
    const box = await w.launcher.boundingBox();
    assert.ok(box && box.width > 0, 'the launcher is laid out');
    return box;
  });
}

/**
 * Scenario 70: the widget on hostile terms. A shop whose Content-Security-Policy allows no inline
 * styles (`style-src 'self'`) gets a styled, working widget and no policy violation (the widget's CSS
 * goes in constructable stylesheets); boot options that try to break out of CSS (issue 17:
 * `zIndex: '1;}</style><img onerror=...>'`) are dropped, never interpolated.
 */
const { stack, page } = useStack();

test('the widget works on a page whose CSP has no unsafe-inline styles, without a violation', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(stack.fixture('strict-csp.html'));
  const w = widget(v);
  await w.launcher.waitFor({ state: 'visible' });
  const lb = await launcherBox(w);
  assert.ok(lb.width >= 40 && lb.width <= 72, `the launcher is styled (${lb.width} px wide)`);
  await openWidget(v);
  const padding = await w.input.evaluate((el) => getComputedStyle(el).paddingLeft);
  assert.notEqual(padding, '0px', 'the panel is styled');
  const text = 'Checking out from a strict page';
  await sendFromWidget(v, text);
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, text);
  await dashboardShows(a, [text]);
  await reply(a, 'Works for us too');
  await widgetShows(v, [text, 'Works for us too']);
  assert.deepEqual(await v.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
  assert.deepEqual(errors, []);
});

test('boot options that try to break out of CSS are dropped with a warning, and nothing runs', async () => {
  const v = await page();
  const warnings: string[] = [];
  v.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const errors = watchErrors(v);
  const attack = '1;}</style><img src=x onerror="window.__pwned=1">';
  const boot = JSON.stringify({ zIndex: attack, color: `red;}</style><img src=x onerror="window.__pwned=2">`, position: 'top-left' });
  await v.goto(`${stack.fixture('widget-lab.html')}?boot=${encodeURIComponent(boot)}`);
  const w = widget(v);
  await w.launcher.waitFor({ state: 'visible' });
  await openWidget(v);
  const state = await v.evaluate(() => {
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    return { pwned: (window as unknown as { __pwned?: number }).__pwned, images: root.querySelectorAll('img').length, html: root.innerHTML.includes('onerror') };
  });
  assert.deepEqual(state, { pwned: undefined, images: 0, html: false });
  const lb = await launcherBox(w);
  assert.ok(lb.x > v.viewportSize()!.width / 2, 'an unknown position falls back to bottom-right');
  assert.ok(warnings.some((m) => m === 'Parley: zIndex must be an integer; ignored.'), JSON.stringify(warnings));
  assert.ok(warnings.some((m) => m === 'Parley: color must be a CSS color; ignored.'));
  assert.deepEqual(errors, []);
});
