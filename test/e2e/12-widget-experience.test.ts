import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ACTION_TIMEOUT, watchErrors } from './support/browser.ts';
import { startStack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays, textsOf } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widget, widgetHasMessage, widgetShows } from './support/widget.ts';
import { hostEvents, inShadow, logScroll, parleyKeys, staffApi, staffSocket, type StaffApi, type StaffSocket } from './support/widget-extra.ts';

/**
 * Scenario 12: the visitor's side of every point of the widget issue not covered by 01-11: the
 * queued API and its events, unread badge and title flash, availability, composer keys and typing,
 * grouping and delivery marks, history paging and scroll behaviour, drop/paste/progress uploads,
 * pre-chat email, the connection banner, keyboard and ARIA, small screens, dark mode, colors, German.
 * Pages come from test/e2e/fixtures/widget-lab.html (the paste-in snippet; ?open=1 and ?boot=<json>
 * queue those calls before widget.js loads; every widget event is recorded in window.__events).
 */
// A small resume window, so a visitor who comes back far behind reloads the newest page over REST
// and pages older history on scroll (instead of having every missed message replayed).
const { stack, page, person } = useStack(() => startStack({ limits: { resumeMaxEvents: 20 } }));

const lab = (query = '') => stack.fixture('widget-lab.html') + query;
const boot = (opts: Record<string, unknown>) => '?boot=' + encodeURIComponent(JSON.stringify(opts));

let api: StaffApi;
async function staff(): Promise<StaffApi> {
  return (api ??= await staffApi(stack.parleyUrl, stack.agents.a));
}

/** The visitor id this page's widget reported in its 'ready' event. */
async function readyVisitor(v: Page): Promise<string> {
  return eventually(async () => {
    const ready = (await hostEvents(v)).filter((e) => e.name === 'ready');
    assert.ok(ready.length > 0, 'ready fired');
    const id = ready[ready.length - 1].data.visitorId;
    assert.ok(id, 'ready carries the visitor id');
    return id as string;
  });
}

/** The conversation of the visitor on this page (created by their first message). */
async function conversationOf(v: Page): Promise<string> {
  const visitorId = await readyVisitor(v);
  const s = await staff();
  return eventually(async () => {
    const c = (await s.conversations()).find((i) => i.visitor.id === visitorId);
    assert.ok(c, 'the visitor has a conversation');
    return c.id;
  });
}

async function eventNames(v: Page): Promise<string[]> {
  return (await hostEvents(v)).map((e) => e.name);
}

test('queued open, events, toggle; a reload keeps the conversation, shutdown forgets it', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  // Parley('open') was queued by the stub before widget.js loaded: the panel opens with no click.
  await v.goto(lab('?open=1'));
  await w.panel.waitFor({ state: 'visible' });
  await waitConnected(v);
  await eventually(async () => assert.deepEqual((await eventNames(v)).filter((n) => n === 'ready' || n === 'open').sort(), ['open', 'ready']));
  const visitorId = await readyVisitor(v);

  const first = 'Queued open worked';
  await sendFromWidget(v, first);
  await widgetShows(v, [first]);

  await v.evaluate(() => (window as any).Parley('toggle'));
  await w.panel.waitFor({ state: 'hidden' });
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
  await v.evaluate(() => (window as any).Parley('toggle'));
  await w.panel.waitFor({ state: 'visible' });
  await v.evaluate(() => (window as any).Parley('close'));
  await w.panel.waitFor({ state: 'hidden' });
  await eventually(async () => assert.deepEqual((await eventNames(v)).filter((n) => n === 'open' || n === 'close'), ['open', 'close', 'open', 'close']));

  // A staff reply while closed: 'message' and 'unread-count' 1; opening clears it to 0.
  const s = await staff();
  const conv = await conversationOf(v);
  const answer = 'Reply while the panel is closed';
  await s.reply(conv, answer);
  await eventually(async () => {
    const ev = await hostEvents(v);
    assert.ok(ev.some((e) => e.name === 'message' && e.data.message.text === answer), 'message event with the reply');
    assert.deepEqual(ev.filter((e) => e.name === 'unread-count').map((e) => e.data.count), [1]);
  });
  await v.evaluate(() => (window as any).Parley('open'));
  await eventually(async () => assert.deepEqual((await hostEvents(v)).filter((e) => e.name === 'unread-count').map((e) => e.data.count), [1, 0]));

  // Without shutdown a reload keeps the visitor and the conversation (loaded without ?open=1 this time).
  await v.goto(lab());
  await openWidget(v);
  await widgetShows(v, [first, answer]);
  assert.equal(await readyVisitor(v), visitorId);

  // Shutdown (the site's logout) removes the widget and forgets the session: after a reload, a new visitor.
  await v.evaluate(() => (window as any).Parley('shutdown'));
  await eventually(async () => assert.equal(await w.host.count(), 0));
  assert.deepEqual(await parleyKeys(v, stack.siteKey), []);
  await v.reload();
  await openWidget(v);
  const newId = await readyVisitor(v);
  assert.notEqual(newId, visitorId, 'a new anonymous visitor after shutdown');
  await w.greeting.waitFor();
  await stays(async () => assert.equal(await w.messages.count(), 0), 300);
  assert.deepEqual(errors, []);
});

test('while closed, staff messages raise the badge and flash the title; opening clears both', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  const original = await v.title();
  await openWidget(v);
  await sendFromWidget(v, 'Badge test');
  const conv = await conversationOf(v);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'hidden' });

  const s = await staff();
  await s.reply(conv, 'First while closed');
  await eventually(async () => assert.equal((await w.unread.innerText()).trim(), '1'));
  assert.match((await w.launcher.getAttribute('aria-label')) ?? '', /1 unread/);
  await eventually(async () => assert.equal(await v.title(), '(1) New message'));
  await s.reply(conv, 'Second while closed');
  await eventually(async () => assert.equal((await w.unread.innerText()).trim(), '2'));
  // Flashing: the title alternates between the notice and the page's own title.
  const seen = new Set<string>();
  await eventually(async () => {
    seen.add(await v.title());
    assert.ok(seen.has('(2) New message') && seen.has(original), `titles seen: ${[...seen].join(' | ')}`);
  });

  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(await w.unread.count(), 0));
  await eventually(async () => assert.equal(await v.title(), original));
  // Restored exactly, and no flashing continues.
  await stays(async () => assert.equal(await v.title(), original), 1500);
  assert.deepEqual(errors, []);
});

test('availability: away with no staff online, online while a staff member is connected', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(lab());
  await openWidget(v);
  const availability = v.locator('[data-testid="parley-availability"]');
  const header = v.locator('[data-testid="parley-panel"] header');
  await eventually(async () => {
    assert.match(await availability.innerText(), /We're away/);
    // No promise of an email field this server cannot offer (this stack sends no email: no card comes).
    assert.match(await header.innerText(), /Leave a message and we'll get back to you/);
    assert.doesNotMatch(await header.innerText(), /email/i);
  });
  const sock = await staffSocket(stack.parleyUrl, (await staff()).token);
  try {
    await eventually(async () => {
      assert.equal(await availability.getAttribute('data-availability'), 'online');
      assert.match(await availability.innerText(), /We're online/);
      assert.match(await header.innerText(), /Replies in a few minutes/);
    });
  } finally {
    await sock.close();
  }
  await eventually(async () => assert.match(await availability.innerText(), /We're away/));
  assert.deepEqual(errors, []);
});

test('composer: Enter sends, Shift+Enter is a new line, typing reaches staff and back', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  await openWidget(v);
  let sock: StaffSocket | undefined;
  try {
    sock = await staffSocket(stack.parleyUrl, (await staff()).token);
    await w.input.click();
    await v.keyboard.type('First line');
    await v.keyboard.press('Shift+Enter');
    await v.keyboard.type('second line');
    assert.equal(await w.messages.count(), 0, 'Shift+Enter did not send');
    assert.equal(await w.input.inputValue(), 'First line\nsecond line');
    await v.keyboard.press('Enter');
    await eventually(async () => assert.deepEqual(await w.messages.allInnerTexts(), ['First line\nsecond line']));
    assert.equal(await w.input.inputValue(), '', 'the composer is cleared');
    const conv = await conversationOf(v);

    await w.input.pressSequentially('Still typ', { delay: 30 });
    await eventually(() =>
      assert.ok(
        sock!.events.some((e) => e.kind === 'typing' && e.conversationId === conv && e.actor.kind === 'visitor' && e.typing),
        'staff received the visitor typing',
      ),
    );
    await sock.request({ type: 'typing', conversationId: conv, typing: true });
    await eventually(async () => assert.match(await w.typing.innerText(), /Ada Lovelace is typing…/));
  } finally {
    await sock?.close();
  }
  assert.deepEqual(errors, []);
});

test('messages are grouped by sender with times; own messages get sent, then read marks', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  const groups = v.locator('[data-testid="parley-group"]');
  await v.goto(lab());
  await openWidget(v);
  await sendFromWidget(v, 'Group one, first');
  await sendFromWidget(v, 'Group one, second');
  await widgetShows(v, ['Group one, first', 'Group one, second']);
  const conv = await conversationOf(v);
  const s = await staff();
  await s.reply(conv, 'Staff, first');
  await s.reply(conv, 'Staff, second');
  await sendFromWidget(v, 'Group three');
  await widgetShows(v, ['Group one, first', 'Group one, second', 'Staff, first', 'Staff, second', 'Group three']);

  await eventually(async () => {
    const authors = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-author')));
    assert.deepEqual(authors, ['visitor', 'staff', 'visitor']);
  });
  assert.equal(await groups.nth(0).locator('[data-testid="parley-message"]').count(), 2);
  assert.equal(await groups.nth(1).locator('[data-testid="parley-message"]').count(), 2);
  assert.match(await groups.nth(1).innerText(), /Ada Lovelace/, 'the staff group names its author');
  // Each group ends with its time.
  const metas = await textsOf(v.locator('[data-testid="parley-group"] > [data-testid="parley-meta"]'));
  assert.equal(metas.length, 3);
  for (const m of metas) assert.match(m, /\d{1,2}:\d{2}/);

  // The newest own message is sent (one check) until staff read it, then read (two checks).
  const last = w.status.last();
  await eventually(async () => assert.equal(await last.getAttribute('data-status'), 'sent'));
  assert.equal(await last.getAttribute('aria-label'), 'Sent');
  await stays(async () => assert.equal(await last.getAttribute('data-status'), 'sent'), 300);
  const seq = Number(await w.messages.last().getAttribute('data-seq'));
  assert.ok(seq > 0);
  await s.read(conv, seq);
  await eventually(async () => assert.equal(await last.getAttribute('data-status'), 'read'));
  assert.equal(await last.getAttribute('aria-label'), 'Read');
  assert.deepEqual(errors, []);
});

test('older history loads on scroll up and keeps the place; the view sticks to the newest unless scrolled up', async () => {
  const visitor = await person();
  let v = await visitor.newPage();
  const first = 'History starts here';
  await v.goto(lab());
  await openWidget(v);
  await sendFromWidget(v, first);
  await widgetShows(v, [first]);
  const conv = await conversationOf(v);
  await v.close();
  // More than one page (30) of history, seeded through the REST API while the visitor is away.
  const s = await staff();
  const older = Array.from({ length: 44 }, (_, i) => `Older reply ${String(i + 1).padStart(2, '0')}`);
  for (const text of older) await s.reply(conv, text);

  v = await visitor.newPage();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  await openWidget(v);
  await eventually(async () => assert.equal(await w.messages.count(), 30));
  assert.equal((await w.messages.first().innerText()).trim(), 'Older reply 15');
  assert.equal(await w.greeting.count(), 0, 'no greeting while older history remains');
  await eventually(async () => assert.ok((await logScroll(v)).fromBottom < 48, 'opened at the newest message'));

  // Scroll to the top: the anchor (oldest loaded bubble) stays where it was on screen.
  const anchor = w.messages.filter({ hasText: 'Older reply 15' });
  const before = await v.evaluate(`(() => { const log = ${inShadow('parley-messages')}; log.scrollTop = 0;
    return [...log.querySelectorAll('[data-testid="parley-message"]')].find((m) => m.textContent.includes('Older reply 15')).getBoundingClientRect().top; })()`);
  await eventually(async () => assert.equal(await w.messages.count(), 45));
  assert.equal((await w.messages.first().innerText()).trim(), first);
  await w.greeting.waitFor({ state: 'attached' });
  await eventually(async () => {
    const after = (await anchor.boundingBox())!.y;
    assert.ok(Math.abs(after - (before as number)) < 40, `anchor moved from ${before} to ${after}`);
  });
  assert.ok((await logScroll(v)).top > 0, 'the list did not jump to the top');

  // At the bottom, a new message keeps the view at the newest.
  await v.evaluate(`(() => { const log = ${inShadow('parley-messages')}; log.scrollTop = log.scrollHeight; })()`);
  await s.reply(conv, 'Newest while at the bottom');
  await widgetHasMessage(v, 'Newest while at the bottom');
  await eventually(async () => assert.ok((await logScroll(v)).fromBottom < 48, 'still at the newest'));

  // Scrolled up, a new message does not move the view; a "new messages" button appears and jumps.
  await v.evaluate(`(() => { const log = ${inShadow('parley-messages')}; log.scrollTop = 0; })()`);
  await eventually(async () => assert.ok((await logScroll(v)).top === 0));
  await s.reply(conv, 'Newest while scrolled up');
  await widgetHasMessage(v, 'Newest while scrolled up');
  const jump = v.locator('[data-testid="parley-jump"]');
  await jump.waitFor({ state: 'visible' });
  assert.ok((await logScroll(v)).top < 5, 'the view stayed where the visitor was reading');
  await jump.click();
  await eventually(async () => assert.ok((await logScroll(v)).fromBottom < 48));
  await jump.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('attachments by drag and drop and by pasting an image; a larger upload shows progress', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  const png = [...(await v.screenshot({ clip: { x: 0, y: 0, width: 64, height: 40 }, type: 'png' }))];
  await openWidget(v);

  // Drag and drop onto the panel: the drop hint shows while dragging, then the file uploads.
  await v.evaluate(
    `(() => { const panel = ${inShadow('parley-panel')};
      const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(${JSON.stringify(png)})], 'dropped.png', { type: 'image/png' }));
      panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
      window.__dt = dt; })()`,
  );
  await v.getByText('Drop files to attach').waitFor();
  await v.evaluate(`${inShadow('parley-panel')}.dispatchEvent(new DragEvent('drop', { dataTransfer: window.__dt, bubbles: true, cancelable: true }))`);
  await eventually(async () => assert.match(await w.uploads.first().innerText(), /dropped\.png/));
  await eventually(async () => assert.equal(await w.send.isDisabled(), false));
  await w.send.click();
  await eventually(async () => assert.equal(await w.attachments.count(), 1));
  await eventually(async () => assert.ok((await w.attachments.nth(0).locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0));
  assert.equal(await w.attachments.nth(0).locator('img').getAttribute('alt'), 'dropped.png');

  // Paste an image into the composer.
  await w.input.focus();
  await v.evaluate(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(${JSON.stringify(png)})], 'pasted.png', { type: 'image/png' }));
      ${inShadow('parley-input')}.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); })()`,
  );
  await eventually(async () => assert.match(await w.uploads.first().innerText(), /pasted\.png/));
  await eventually(async () => assert.equal(await w.send.isDisabled(), false));
  await w.send.click();
  await eventually(async () => assert.equal(await w.attachments.count(), 2));
  await eventually(async () => assert.ok((await w.attachments.nth(1).locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0));

  // A 3 MB file: the request is held at the network layer so the in-flight state can be seen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await v.route('**/api/v1/attachments', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await v.evaluate(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(3 * 1024 * 1024).fill(65)], 'trail-notes.txt', { type: 'text/plain' }));
      ${inShadow('parley-panel')}.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); })()`,
  );
  const progress = v.locator('[data-testid="parley-upload-progress"]');
  await progress.waitFor({ state: 'visible' });
  assert.match(await w.uploads.first().innerText(), /trail-notes\.txt/);
  assert.equal(await w.send.isDisabled(), true, 'cannot send while uploading');
  release();
  await progress.waitFor({ state: 'detached' });
  await eventually(async () => assert.equal(await w.send.isDisabled(), false));
  await w.send.click();
  await eventually(async () => assert.equal(await w.attachments.count(), 3));
  assert.match(await w.attachments.nth(2).innerText(), /trail-notes\.txt/);
  await v.unroute('**/api/v1/attachments');
  assert.deepEqual(errors, []);
});

test('pre-chat email (site setting): asked before the first message, reaches staff unverified', async () => {
  const s = await staff();
  const siteId = stack.site.id;
  const settings = (await s.call<{ site: { settings: Record<string, unknown> } }>(`/api/v1/admin/sites/${siteId}`)).site.settings;
  await s.call(`/api/v1/admin/sites/${siteId}`, { method: 'PATCH', body: { settings: { ...settings, preChatEmail: true } } });
  try {
    const v = await page();
    const errors = watchErrors(v);
    const w = widget(v);
    await v.goto(lab());
    await w.launcher.click();
    const form = v.locator('[data-testid="parley-prechat"]');
    await form.waitFor({ state: 'visible' });
    assert.equal(await w.input.count(), 0, 'no composer before the email');
    const email = v.locator('[data-testid="parley-email"]');
    await email.fill('not-an-email');
    await v.locator('[data-testid="parley-email-submit"]').click();
    await eventually(async () => assert.match(await form.locator('[role="alert"]').innerText(), /valid email/));
    await email.fill('hiker@example.org');
    await v.locator('[data-testid="parley-email-submit"]').click();
    await w.input.waitFor({ state: 'visible' });
    await waitConnected(v);
    await sendFromWidget(v, 'I left my email above');
    await widgetShows(v, ['I left my email above']);

    const visitorId = await readyVisitor(v);
    await eventually(async () => {
      const visitor = await s.visitor(visitorId);
      assert.equal(visitor.email, 'hiker@example.org');
      assert.equal(visitor.emailVerified, false);
    });
    // Remembered: a reload does not ask again.
    await v.reload();
    await openWidget(v);
    assert.equal(await v.locator('[data-testid="parley-prechat"]').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await s.call(`/api/v1/admin/sites/${siteId}`, { method: 'PATCH', body: { settings } });
  }
});

test('connection banner with Reconnect when offline or the server is unreachable, and recovery', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  const reconnect = v.locator('[data-testid="parley-reconnect"]');
  await v.goto(lab());
  await openWidget(v);

  await v.context().setOffline(true);
  await eventually(async () => assert.match(await w.offline.innerText(), /offline/i));
  await reconnect.waitFor({ state: 'visible' });
  assert.equal(await reconnect.getAttribute('aria-label'), 'Reconnect');
  assert.notEqual(await w.root.getAttribute('data-connection'), 'connected');
  // Back online: the 'online' event reconnects at once, without waiting for the backoff.
  await v.context().setOffline(false);
  await waitConnected(v);
  await w.offline.waitFor({ state: 'detached' });
  await sendFromWidget(v, 'Back online');
  await eventually(async () => assert.equal(await w.status.last().getAttribute('data-status'), 'sent'));

  // The server cannot be reached when the page loads: the page is fine, the panel says so.
  const v2 = await page();
  const errors2 = watchErrors(v2);
  const w2 = widget(v2);
  // The server is "down" until the visitor has clicked Reconnect (below), so the widget's own retries
  // (backoff) cannot reconnect first and take the button away. The page notes the click (capture phase,
  // before the widget acts on it); the route asks the page, so a request is let through only after it.
  await v2.addInitScript(() => {
    document.addEventListener('click', (e) => {
      if (e.composedPath().some((n) => (n as Element).getAttribute?.('data-testid') === 'parley-reconnect')) (window as unknown as { reconnectClicked: boolean }).reconnectClicked = true;
    }, true);
  });
  const clicked = () => v2.evaluate(() => (window as unknown as { reconnectClicked?: boolean }).reconnectClicked === true);
  await v2.route('**/api/v1/visitor/session', async (route) => ((await clicked()) ? route.continue() : route.abort('connectionrefused')));
  await v2.goto(lab());
  await w2.launcher.click();
  // The server, not the visitor's network, is the problem: never "You're offline" then.
  // Between its retries the widget's state moves (error, idle, connecting); whichever it is, it is not connected.
  await eventually(async () => {
    assert.match(await w2.offline.innerText(), /Can't reach the server/);
    assert.notEqual(await w2.root.getAttribute('data-connection'), 'connected');
  });
  assert.equal(await v2.locator('h1').innerText(), 'Widget lab');
  // The server is back once the visitor clicks Reconnect.
  await v2.locator('[data-testid="parley-reconnect"]').click();
  await waitConnected(v2);
  await w2.offline.waitFor({ state: 'detached' });
  await sendFromWidget(v2, 'Reached you after all');
  await eventually(async () => assert.equal(await w2.status.last().getAttribute('data-status'), 'sent'));
  assert.deepEqual([...errors, ...errors2], []);
});

test('keyboard: Tab to the launcher, Enter opens into the composer, Escape closes back; every control is labelled', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  await w.root.waitFor({ state: 'attached' }); // the full UI replaced the loader's placeholder
  const focused = () =>
    v.evaluate(() => {
      const host = document.activeElement;
      if (host?.tagName !== 'PARLEY-WIDGET') return host?.id || host?.tagName || '';
      return host.shadowRoot?.activeElement?.getAttribute('data-testid') ?? 'PARLEY-WIDGET';
    });
  await v.locator('h1').click();
  await v.keyboard.press('Tab');
  assert.equal(await focused(), 'first-link');
  await v.keyboard.press('Tab');
  assert.equal(await focused(), 'parley-launcher');
  await v.keyboard.press('Enter');
  await w.panel.waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(await focused(), 'parley-input'));
  await waitConnected(v);

  // Every control in the widget has an accessible name.
  const unlabelled = await v.evaluate(() => {
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    return [...root.querySelectorAll('button, textarea, input, select, [role="dialog"], [role="log"]')]
      .filter((el) => el.getAttribute('aria-hidden') !== 'true')
      .filter((el) => {
        const label = el.getAttribute('aria-label') || (el.id && root.querySelector(`label[for="${el.id}"]`)?.textContent) || (el.tagName === 'BUTTON' && el.textContent);
        return !label || !label.trim();
      })
      .map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unlabelled, []);
  const labels = await v.evaluate(() =>
    [...document.querySelector('parley-widget')!.shadowRoot!.querySelectorAll('[data-testid]')]
      .filter((el) => ['parley-close', 'parley-attach', 'parley-send', 'parley-input', 'parley-launcher', 'parley-panel', 'parley-messages'].includes(el.getAttribute('data-testid')!))
      .map((el) => [el.getAttribute('data-testid'), el.getAttribute('aria-label')]),
  );
  assert.equal(labels.length, 7, JSON.stringify(labels));
  for (const [id, label] of labels) assert.ok(label && label.trim(), `${id} has an aria-label`);

  await v.keyboard.press('Escape');
  await w.panel.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal(await focused(), 'parley-launcher'));
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
});

test('small screens: the panel fills the viewport and the input font is at least 16px', async () => {
  const v = await page({ viewport: { width: 375, height: 667 } });
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab());
  await openWidget(v);
  await eventually(async () => {
    const box = (await w.panel.boundingBox())!;
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 375, 667]);
  });
  const size = await w.input.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 16, `input font-size ${size}px`);
  assert.deepEqual(errors, []);
});

test('dark mode follows the system; an accent color from boot options is applied', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(lab(boot({ color: 'rgb(220, 38, 127)' })));
  await w.root.waitFor({ state: 'attached' });
  const launcherBg = () => v.locator('[data-testid="parley-root"] [data-testid="parley-launcher"]').evaluate((el) => getComputedStyle(el).backgroundColor);
  await eventually(async () => assert.equal(await launcherBg(), 'rgb(220, 38, 127)'));
  await openWidget(v);
  const panelBg = () => w.panel.evaluate((el) => getComputedStyle(el).backgroundColor);
  const header = v.locator('[data-testid="parley-panel"] header');
  assert.equal(await header.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(220, 38, 127)');
  await v.emulateMedia({ colorScheme: 'light' });
  const light = await panelBg();
  await v.emulateMedia({ colorScheme: 'dark' });
  await eventually(async () => assert.notEqual(await panelBg(), light));
  const dark = await panelBg();
  // Dark means dark: every channel of the background is low.
  const channels = dark.match(/\d+/g)!.slice(0, 3).map(Number);
  assert.ok(channels.every((c) => c < 80), `dark panel background ${dark} (light was ${light})`);
  assert.deepEqual(errors, []);
});

test('German strings from the boot option and from the browser language', async () => {
  // From the boot option (browser in English).
  const v = await page();
  const w = widget(v);
  await v.goto(lab(boot({ locale: 'de' })));
  await w.root.waitFor({ state: 'attached' });
  await eventually(async () => assert.equal(await w.launcher.getAttribute('aria-label'), 'Chat öffnen'));
  await openWidget(v);
  assert.equal(await w.input.getAttribute('placeholder'), 'Nachricht schreiben…');
  await eventually(async () => assert.match(await v.locator('[data-testid="parley-availability"]').innerText(), /Wir sind gerade nicht da/));

  // From the browser: a German profile, no locale option.
  const browser = v.context().browser()!;
  const german = await browser.newContext({ locale: 'de-DE' });
  german.setDefaultTimeout(ACTION_TIMEOUT);
  try {
    const g = await german.newPage();
    const errors = watchErrors(g);
    const wg = widget(g);
    await g.goto(lab());
    await wg.root.waitFor({ state: 'attached' });
    await openWidget(g);
    assert.equal(await wg.input.getAttribute('placeholder'), 'Nachricht schreiben…');
    assert.equal(await wg.send.getAttribute('aria-label'), 'Nachricht senden');
    // The header button minimizes; "Chat schließen" is the open launcher's name (two controls, two names).
    assert.equal(await wg.close.getAttribute('aria-label'), 'Chat minimieren');
    assert.equal(await wg.launcher.getAttribute('aria-label'), 'Chat schließen');
    await sendFromWidget(g, 'Hallo');
    await eventually(async () => assert.equal(await wg.status.last().getAttribute('aria-label'), 'Gesendet'));
    assert.deepEqual(errors, []);
  } finally {
    await german.close();
  }
});
