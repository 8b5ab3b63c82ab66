import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { staffApi, staffSocket } from './support/widget-extra.ts';
import { sendFromWidget, waitConnected, widget, widgetShows } from './support/widget.ts';

/**
 * Scenario 63 (issue 12 point 8): the widget in the visitor's language. Every string comes from the
 * locale's catalogue (French, Spanish, German, Arabic besides English), Arabic mirrors the layout,
 * the reply time in the header is said in the visitor's language, and times follow the visitor's own
 * locale tag (a British English reader gets a 24-hour clock).
 */
const { stack, page } = useStack();

const lab = (opts: Record<string, unknown>) => stack.fixture('widget-lab.html') + '?boot=' + encodeURIComponent(JSON.stringify(opts));

async function openIn(v: Page, locale: string): Promise<void> {
  await v.goto(lab({ locale }));
  await widget(v).launcher.click();
  await widget(v).input.waitFor({ state: 'visible' });
  await waitConnected(v);
}

test('French, Spanish and German: header, composer and launcher in the language, the reply time too', async () => {
  const s = await staffApi(stack.parleyUrl, stack.agents.a);
  const online = await staffSocket(stack.parleyUrl, s.token);
  try {
    const cases = [
      { locale: 'fr', online: 'Nous sommes en ligne', sub: 'Réponse en quelques minutes', placeholder: 'Écrire un message…', close: 'Réduire le chat' },
      { locale: 'es-MX', online: 'Estamos en línea', sub: 'Respondemos en unos minutos', placeholder: 'Escribe un mensaje…', close: 'Minimizar chat' },
      // The site's reply time setting is "a few minutes": a German visitor reads it in German.
      { locale: 'de', online: 'Wir sind online', sub: 'Antwort in wenigen Minuten', placeholder: 'Nachricht schreiben…', close: 'Chat minimieren' },
    ];
    for (const c of cases) {
      const v = await page();
      const errors = watchErrors(v);
      await openIn(v, c.locale);
      const w = widget(v);
      await eventually(async () => assert.match(await w.panel.locator('[data-testid="parley-availability"]').innerText(), new RegExp(c.online)));
      assert.equal((await w.panel.locator('.sub').innerText()).trim(), c.sub, `${c.locale}: no English inside the sentence`);
      assert.equal(await w.input.getAttribute('placeholder'), c.placeholder);
      assert.equal(await w.close.getAttribute('aria-label'), c.close);
      assert.equal(await w.root.getAttribute('lang'), c.locale.slice(0, 2));
      assert.equal(await w.root.getAttribute('dir'), 'ltr');
      assert.deepEqual(errors, []);
    }
  } finally {
    await online.close();
  }
});

test('Arabic: strings in Arabic and the layout mirrored; axe clean', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await openIn(v, 'ar');
  const w = widget(v);
  assert.equal(await w.root.getAttribute('dir'), 'rtl');
  assert.equal(await w.root.getAttribute('lang'), 'ar');
  assert.equal(await w.input.getAttribute('placeholder'), 'اكتب رسالة…');
  await sendFromWidget(v, 'مرحبا، هل الخيمة مقاومة للماء؟');
  await widgetShows(v, ['مرحبا، هل الخيمة مقاومة للماء؟']);
  // Mirrored: the visitor's own messages sit on the left, the greeting (the team's side) on the right;
  // the send button is left of the input.
  const mine = await w.mine.first().boundingBox();
  const greeting = await w.greeting.boundingBox();
  const panel = await w.panel.boundingBox();
  assert.ok(mine && greeting && panel);
  const centre = panel.x + panel.width / 2;
  assert.ok(mine.x + mine.width / 2 < centre, 'own message on the left half');
  assert.ok(mine.x - panel.x < 40, 'against the left edge');
  assert.ok(panel.x + panel.width - (greeting.x + greeting.width) < 40, 'the team writes from the right edge');
  const send = await w.send.boundingBox();
  const input = await w.input.boundingBox();
  assert.ok(send && input && send.x < input.x, 'send is at the start (left) in right-to-left');
  assert.match(await w.close.getAttribute('aria-label') ?? '', /تصغير/);
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), []);
  assert.deepEqual(errors, []);
});

test("times follow the visitor's own locale: 24-hour for en-GB, 12-hour for en-US", async () => {
  const clock = async (locale: string) => {
    const v = await page();
    await openIn(v, locale);
    await sendFromWidget(v, `What time is it in ${locale}?`);
    const meta = v.locator('[data-testid="parley-meta"]').last();
    return eventually(async () => {
      const text = (await meta.innerText()).trim();
      assert.match(text, /\d/, 'the message shows its time');
      return text;
    });
  };
  const gb = await clock('en-GB');
  const us = await clock('en-US');
  assert.match(gb, /^\d{1,2}:\d{2}$/, `en-GB, no AM/PM: ${gb}`);
  assert.match(us, /^\d{1,2}:\d{2}\s?[AP]M$/, `en-US: ${us}`);
});
