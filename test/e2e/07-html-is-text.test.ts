import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { dashboardShows, inboxRow, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { stays } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';

/**
 * Scenario 7: messages carrying HTML and script payloads are shown as text in the widget and the
 * dashboard, both ways, and nothing executes.
 */
const { stack, page } = useStack();

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned=1</script>';
const LINK = 'javascript:alert(document.domain)';
const SVG = '<svg onload=alert(2)><a href="javascript:alert(3)">click</a></svg>';

function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return seen;
}

/** Whatever a payload could have created or run, looked for everywhere (shadow roots included). */
async function traces(page: Page): Promise<Record<string, unknown>> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  return page.evaluate(TRACES);
}
const TRACES = `(() => {
  const roots = [document];
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  const count = (sel) => roots.reduce((n, r) => n + r.querySelectorAll(sel).length, 0);
  return {
    pwned: window.__pwned ?? null,
    imgX: count('img[src="x"], img[onerror]'),
    inlineHandlers: count('[onerror], [onload]'),
    jsLinks: count('a[href^="javascript:" i]'),
    svgs: count('svg[onload]'),
  };
})()`;

test('HTML and scripts in messages are shown as text and never run', async () => {
  const v = await page();
  const a = await page();
  const dialogs = [...watchDialogs(v), ...watchDialogs(a)];
  // Both the listeners above and a late check: a dialog that opened would be recorded.
  const errors = [...watchErrors(v), ...watchErrors(a)];

  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);

  // Visitor -> staff.
  await sendFromWidget(v, IMG);
  await sendFromWidget(v, SCRIPT);
  await inboxRow(a, SCRIPT).waitFor();
  await openConversation(a, SCRIPT);
  await dashboardShows(a, [IMG, SCRIPT]);

  // Staff -> visitor.
  await reply(a, SCRIPT);
  await reply(a, IMG);
  await reply(a, LINK);
  await reply(a, SVG);
  const all = [IMG, SCRIPT, SCRIPT, IMG, LINK, SVG];
  await Promise.all([widgetShows(v, all), dashboardShows(a, all)]);
  // The inbox preview is text too.
  assert.equal((await inboxRow(a, SVG).count()) + (await inboxRow(a, 'svg onload').count()) > 0, true);

  // Give anything that was going to fire (image error, onload) time to do so, then look for traces.
  await stays(async () => {
    assert.deepEqual(dialogs, []);
    for (const page of [v, a]) {
      assert.deepEqual(await traces(page), { pwned: null, imgX: 0, inlineHandlers: 0, jsLinks: 0, svgs: 0 });
    }
  }, 1000);
  assert.deepEqual(errors, []);
});
