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
 * Scenario 6: a host page with hostile global CSS (`* { all: unset }`, `div { display: none
 * !important }`, ...) still shows a working widget, and the widget adds nothing to the host's
 * styles or globals beyond `Parley`.
 */
const { stack, page } = useStack();

test('the widget works on a page with hostile CSS and leaves only Parley behind', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(stack.fixture('hostile.html'));
  const w = widget(v);

  // The launcher is on screen, round-button sized, in the bottom right corner. Measured once the UI has
  // replaced the loader's placeholder button (on idle), not while it swaps them.
  await w.root.waitFor({ state: 'attached' });
  await w.launcher.waitFor({ state: 'visible' });
  const viewport = v.viewportSize()!;
  const lb = await launcherBox(w);
  assert.ok(lb.width >= 40 && lb.height >= 40, `launcher is ${lb.width}x${lb.height}`);
  assert.ok(lb.x + lb.width <= viewport.width && lb.x > viewport.width / 2, 'launcher sits on the right, inside the viewport');
  assert.ok(lb.y + lb.height <= viewport.height && lb.y > viewport.height / 2, 'launcher sits at the bottom, inside the viewport');

  await openWidget(v);
  const pb = (await w.panel.boundingBox())!;
  assert.ok(pb.width >= 280 && pb.height >= 300, `panel is ${pb.width}x${pb.height}`);
  assert.ok(await w.input.isVisible());
  assert.ok(await w.send.isVisible());
  // The page's `* { all: unset }` did not reach inside: the input still has a border and padding.
  const inputStyle = await w.input.evaluate((el) => {
    const cs = getComputedStyle(el);
    return { padding: cs.paddingLeft, display: cs.display, font: cs.fontFamily };
  });
  assert.notEqual(inputStyle.display, 'none');
  assert.notEqual(inputStyle.padding, '0px');
  assert.doesNotMatch(inputStyle.font, /^serif$/);

  // It works: a message goes out and the reply comes back.
  const text = 'Your page looks odd but the chat works';
  await sendFromWidget(v, text);
  const a = await page();
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, text);
  await dashboardShows(a, [text]);
  await reply(a, 'Glad to hear it!');
  await widgetShows(v, [text, 'Glad to hear it!']);
  const bubble = (await w.messages.last().boundingBox())!;
  assert.ok(bubble.width > 20 && bubble.height > 10, 'the reply bubble is visible');

  // Footprint: the only new global is Parley; no <style> or <link> was added to the document; the
  // only new elements in the light DOM are <parley-widget> and the script that loaded ui.js.
  const footprint = await v.evaluate(() => {
    const before: string[] = JSON.parse(document.documentElement.getAttribute('data-globals-before')!);
    const stylesBefore = Number(document.documentElement.getAttribute('data-styles-before'));
    const known = new Set(before);
    return {
      newGlobals: Object.keys(window).filter((k) => !known.has(k)),
      stylesBefore,
      stylesAfter: document.querySelectorAll('style, link').length,
      adopted: document.adoptedStyleSheets.length,
      sheets: document.styleSheets.length,
      widgetHosts: document.querySelectorAll('parley-widget').length,
      hostText: document.getElementById('host-text')!.textContent,
      htmlStyle: document.documentElement.getAttribute('style'),
      bodyStyle: document.body.getAttribute('style'),
      bodyClass: document.body.className,
    };
  });
  assert.deepEqual(footprint.newGlobals, ['Parley']);
  assert.equal(footprint.stylesAfter, footprint.stylesBefore, 'no <style>/<link> added to the host document');
  assert.equal(footprint.adopted, 0, 'no adopted stylesheet on the host document');
  assert.equal(footprint.sheets, footprint.stylesBefore);
  assert.equal(footprint.widgetHosts, 1);
  assert.equal(footprint.hostText, 'The chat must still look and work right.');
  assert.equal(footprint.htmlStyle, null);
  assert.equal(footprint.bodyStyle, null);
  assert.equal(footprint.bodyClass, '');

  assert.deepEqual(errors, []);
});

test("typing in the widget stays in the widget: the host page's keyboard shortcuts never see it", async () => {
  const v = await page();
  const errors = watchErrors(v);
  // A docs site's shortcuts, written as they usually are: on the document, skipping keys typed in a
  // field by the event's target. Out of the widget's shadow root that target is <parley-widget>, not a field.
  // (A string: a function would be sent as tsx compiled it, with helpers the page does not have.)
  await v.addInitScript(`
    const seen = (window.__shortcutKeys = []);
    const inField = (t) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    for (const type of ['keydown', 'keypress', 'keyup']) {
      document.addEventListener(type, (e) => {
        if (inField(e.target)) return;
        seen.push(type + ':' + e.key);
        if (e.key === '/' || e.key === 's') e.preventDefault(); // "focus our search"
      });
    }
  `);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const w = widget(v);
  await w.input.click();
  const text = 'see /pricing, is shipping free?';
  await v.keyboard.type(text);
  assert.equal(await w.input.inputValue(), text, 'every key reached the composer');
  assert.deepEqual(await v.evaluate(() => (window as any).__shortcutKeys), [], 'the host saw none of the typing');
  await v.keyboard.press('Enter');
  await widgetShows(v, [text]);
  // The host's shortcuts still work on the host page itself.
  await v.keyboard.press('Escape');
  await w.panel.waitFor({ state: 'hidden' });
  await v.locator('body').click({ position: { x: 5, y: 5 } });
  await v.keyboard.press('s');
  const after = await v.evaluate(() => (window as any).__shortcutKeys as string[]);
  assert.ok(after.includes('keydown:s'), JSON.stringify(after));
  assert.deepEqual(errors, []);
});
