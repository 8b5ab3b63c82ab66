import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Principal } from '../../server/domain/principal.ts';
import { dashboard, dashboardShows, inboxRow, loginDashboard, openConversation, reply } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetShows } from './support/widget.ts';

/**
 * The README's pictures, made from the real product: widget.png (the widget open mid-conversation on
 * the anonymous example page) and dashboard.png (inbox, an open conversation and the visitor panel).
 * Background conversations are written through the domain so the inbox looks like a working day; the
 * two featured conversations are real browsers.
 *
 * `npm test` writes them to a temporary folder (the work tree stays clean) and checks they are real
 * pictures; `npm run screenshots` sets PARLEY_SCREENSHOTS_DIR=docs/screenshots to refresh the README's.
 */
let OUT = '';
const { stack, page } = useStack();
before(async () => {
  OUT = process.env.PARLEY_SCREENSHOTS_DIR || (await mkdtemp(join(tmpdir(), 'parley-screenshots-')));
  await mkdir(OUT, { recursive: true });
});

/** A PNG of at least the viewport's size: the file starts with the PNG signature and its IHDR says how big. */
async function assertPicture(path: string, minWidth: number, minHeight: number) {
  const png = await readFile(path);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(png.readUInt32BE(16) >= minWidth && png.readUInt32BE(20) >= minHeight, `${path} is ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
}

/** A conversation some other visitor had earlier today (written through the domain, no browser). */
async function background(visitor: { name?: string; email?: string; url: string; title: string }, lines: [who: 'v' | 'a' | 'b', text: string][]) {
  const { store, domain } = stack.server;
  const v = await store.createVisitor({
    siteId: stack.site.id,
    name: visitor.name,
    email: visitor.email,
    emailVerified: false,
    label: visitor.name ? visitor.name : `Visitor ${Math.floor(1000 + Math.random() * 8999)}`,
    context: { url: visitor.url, title: visitor.title, language: 'en-GB', timezone: 'Europe/Berlin' },
    at: Date.now(),
  });
  const asVisitor: Principal = { kind: 'visitor', siteId: stack.site.id, visitorId: v.id };
  const staff = (id: string): Principal => ({ kind: 'staff', siteId: stack.site.id, staffId: id, role: 'agent', sessionId: 'screenshots' });
  let conversationId: string | undefined;
  for (const [who, text] of lines) {
    const p = who === 'v' ? asVisitor : staff(who === 'a' ? stack.agents.a.id : stack.agents.b.id);
    const ack = await domain.sendMessage(p, { conversationId, clientId: randomUUID(), text });
    conversationId = ack.conversationId;
  }
}

async function settle(page: Page) {
  // Let fonts load and the enter animations finish before the picture (document.getAnimations()
  // includes those inside the widget's shadow root; endless ones, the typing dots, never finish).
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

test('screenshots of the widget and the dashboard for the README', async () => {
  await background({ name: 'Jonas Weber', email: 'jonas@example.net', url: `${stack.examples.url}/products/trailblazer-2`, title: 'Trailblazer 2 tent' }, [
    ['v', 'Is the Trailblazer 2 freestanding?'],
    ['b', 'Yes, fully freestanding: two crossing poles, no stakes needed to pitch it.'],
    ['v', 'Perfect, ordering now.'],
  ]);
  await background({ url: `${stack.examples.url}/stores/berlin`, title: 'Store: Berlin' }, [['v', 'Do you have gas canisters in stock in Berlin?']]);
  await background({ name: 'Priya Shah', email: 'priya@example.org', url: `${stack.examples.url}/account/orders/1187`, title: 'Order #1187' }, [
    ['v', 'Can I still change the delivery address for order #1187?'],
    ['v', 'It should go to my office instead.'],
  ]);


  // Alice, signed in on the identified example: the conversation the dashboard shows open.
  const al = await page({ timezoneId: 'Europe/Paris' });
  await al.goto(stack.examples.pages.identified);
  await al.locator('#email').fill('alice@example.com');
  await al.locator('#password').fill('alice');
  await al.locator('#login-form button[type=submit]').click();
  await al.locator('#logout').waitFor();
  await openWidget(al);
  const a1 = 'Hi! My Summit 3 tent arrived last week (order #1042), but one pole is cracked.';
  await sendFromWidget(al, a1);

  const a = await page({ viewport: { width: 1440, height: 900 }, permissions: ['notifications'] });
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, 'Alice Martin');
  const r1 = "Sorry to hear that, Alice! Is it the long middle pole or one of the short brow poles?";
  await reply(a, r1);
  await widgetShows(al, [a1, r1]);
  const a2 = 'The middle one, it split right next to the joint.';
  await sendFromWidget(al, a2);
  const r2 = "Thanks. I've sent you a replacement pole set, free of charge: it ships today and you'll get the tracking link by email.";
  await dashboardShows(a, [a1, r1, a2]);
  await reply(a, r2);
  await widgetShows(al, [a1, r1, a2, r2]);
  await eventually(async () => assert.equal(await dashboard(a).readMark.count(), 1));
  await widget(al).input.pressSequentially('That was quick, thank you', { delay: 15 });
  await dashboard(a).typing.waitFor();

  // The widget on the anonymous example page, mid-conversation with the agent typing.
  const v = await page({ viewport: { width: 1100, height: 760 } });
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  const q = 'Hi! Which stove works best above 3000 m?';
  await sendFromWidget(v, q);
  await inboxRow(a, q).waitFor();
  const alicesThread = dashboard(a).conversation;
  await openConversation(a, q);
  const ans = 'For altitude, a canister stove with a pressure regulator: the Alpine Pro keeps full power down to −10 °C.';
  await reply(a, ans);
  await widgetShows(v, [q, ans]);
  const q2 = 'Great, does it come with a windscreen?';
  await sendFromWidget(v, q2);
  await dashboardShows(a, [q, ans, q2]);
  await dashboard(a).composer.pressSequentially('Yes, a foldable', { delay: 15 });
  await widget(v).typing.waitFor();
  await settle(v);
  await v.screenshot({ path: join(OUT, 'widget.png') });
  await assertPicture(join(OUT, 'widget.png'), 1100, 760);

  // The dashboard: back to Alice's conversation, with her typing and her details on the right.
  await dashboard(a).composer.fill('');
  await openConversation(a, 'Alice Martin');
  await dashboardShows(a, [a1, r1, a2, r2]);
  await alicesThread.waitFor();
  await a.locator('[data-testid="assign-me"]').click();
  await eventually(async () => assert.equal((await inboxRow(a, 'Alice Martin').locator('[data-testid="row-assignee"]').innerText()).trim(), 'You'));
  // Typing is refreshed every 2 s while keys are pressed; type long enough to be shown again here.
  await widget(al).input.pressSequentially(', really appreciate it!', { delay: 120 });
  await dashboard(a).typing.waitFor();
  await eventually(async () => assert.match(await dashboard(a).visitorEmail.innerText(), /alice@example\.com/));
  await settle(a);
  await a.screenshot({ path: join(OUT, 'dashboard.png') });
  await assertPicture(join(OUT, 'dashboard.png'), 1440, 900);
});

test('screenshots of the dashboard on a phone and in dark mode, and of the widget in Arabic', async () => {
  // An Arabic-speaking visitor (the browser's language decides) on the anonymous example page.
  const browser = (await page()).context().browser()!;
  const arabic = await browser.newContext({ locale: 'ar-EG', viewport: { width: 1100, height: 760 } });
  try {
    const v = await arabic.newPage();
    await v.goto(stack.examples.pages.anonymous);
    await openWidget(v);
    const q = 'مرحبًا! هل يمكنني استبدال الخيمة بمقاس أكبر؟';
    await sendFromWidget(v, q);

    const a = await page({ viewport: { width: 390, height: 844 } });
    await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
    await openConversation(a, q);
    const ans = 'بالتأكيد! يمكنك الاستبدال خلال 60 يومًا، والشحن مجاني.';
    await reply(a, ans);
    await widgetShows(v, [q, ans]);
    await sendFromWidget(v, 'رائع، شكرًا جزيلًا');
    await dashboardShows(a, [q, ans, 'رائع، شكرًا جزيلًا']);
    await settle(v);
    await v.screenshot({ path: join(OUT, 'widget-ar.png') });
    await assertPicture(join(OUT, 'widget-ar.png'), 1100, 760);

    // The phone: one column, the conversation open, the composer at the bottom.
    await dashboard(a).composer.fill('');
    await settle(a);
    await a.screenshot({ path: join(OUT, 'dashboard-phone.png') });
    await assertPicture(join(OUT, 'dashboard-phone.png'), 390, 844);

    // Dark mode on a desktop, following the system, with Alice's conversation (made above) open.
    const d = await page({ viewport: { width: 1440, height: 900 }, permissions: ['notifications'] });
    await d.emulateMedia({ colorScheme: 'dark' });
    await loginDashboard(d, stack.dashboardUrl, stack.agents.a);
    await openConversation(d, 'Alice Martin');
    await eventually(async () => assert.equal(await d.locator('html').getAttribute('data-theme'), 'dark'));
    await eventually(async () => assert.match(await dashboard(d).visitorEmail.innerText(), /alice@example\.com/));
    await settle(d);
    await d.screenshot({ path: join(OUT, 'dashboard-dark.png') });
    await assertPicture(join(OUT, 'dashboard-dark.png'), 1440, 900);
  } finally {
    await arabic.close();
  }
});
