import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardHasMessage, loginDashboard, openConversation } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget, widgetHasMessage } from './support/widget.ts';

/**
 * Scenario 8: an attachment uploaded by the visitor is visible and downloadable for the agent; a
 * file over the limit gets a clear error in the widget (and the server refuses it anyway).
 */
const { stack, page } = useStack();

test('a visitor sends a photo; the agent sees and downloads the same bytes; 11 MB is refused', async () => {
  const v = await page();
  const a = await page();
  const errors = [...watchErrors(v), ...watchErrors(a)];
  const w = widget(v);

  await v.goto(stack.examples.pages.anonymous);
  // A real, small PNG: a crop of the page header.
  const png = await v.screenshot({ clip: { x: 0, y: 0, width: 96, height: 48 }, type: 'png' });
  await openWidget(v);
  const caption = 'Here is a photo of the broken pole';
  await sendFromWidget(v, caption);

  await w.fileInput.setInputFiles({ name: 'tent-pole.png', mimeType: 'image/png', buffer: png });
  // The chip shows the file; the send button waits until the upload is done.
  await eventually(async () => assert.match(await w.uploads.first().innerText(), /tent-pole\.png/));
  await eventually(async () => assert.equal(await w.send.isDisabled(), false));
  await w.send.click();
  // The visitor sees the image in their own bubble.
  await eventually(async () => assert.equal(await w.attachments.count(), 1));
  const visitorImg = w.attachments.locator('img');
  await eventually(async () => assert.ok((await visitorImg.evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0, 'visitor image loaded'));
  assert.equal(await visitorImg.getAttribute('alt'), 'tent-pole.png');

  // The agent sees it in the thread, as an image that really loaded, with its name and size.
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  // The row previews the newest message (the photo), so open the only conversation there is.
  await eventually(async () => assert.equal(await dashboard(a).rows.count(), 1));
  await openConversation(a);
  await dashboardHasMessage(a, caption);
  const link = dashboard(a).attachments.first();
  await link.waitFor();
  assert.match(await link.innerText(), /tent-pole\.png/);
  const img = link.locator('img');
  await eventually(async () => assert.equal(await img.evaluate((i: HTMLImageElement) => i.naturalWidth), 96));

  // Downloading gives back exactly the bytes the visitor uploaded.
  const href = new URL((await link.getAttribute('href'))!, stack.parleyUrl).href;
  const res = await a.context().request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /^image\/png/);
  assert.ok(Buffer.compare(await res.body(), png) === 0, 'downloaded bytes equal the uploaded bytes');
  // Without the token the file is not public.
  const anonymous = await fetch(href.replace(/[?&]token=[^&]+/, ''));
  assert.ok(anonymous.status === 401 || anonymous.status === 403, `no token: ${anonymous.status}`);

  // Over the limit (10 MB): a clear error on the chip, nothing sent.
  // From a file on disk, which Chromium reads itself: 11 MB as a buffer would cross the DevTools protocol in
  // base64, which alone took over the action timeout on a loaded machine.
  const bigDir = await mkdtemp(join(tmpdir(), 'parley-big-'));
  const bigFile = join(bigDir, 'huge-video.txt');
  await writeFile(bigFile, Buffer.alloc(11 * 1024 * 1024, 0x41));
  await w.fileInput.setInputFiles(bigFile);
  const chip = v.locator('[data-testid="parley-upload"][role="alert"]');
  await eventually(async () => assert.match(await chip.innerText(), /huge-video\.txt is larger than 10 MB/));
  await rm(bigDir, { recursive: true, force: true });
  assert.equal(await w.send.isDisabled(), true, 'nothing to send');

  // The server refuses it too, whatever a client does.
  const refused = await v.evaluate(
    async ({ api, key }) => {
      const token = localStorage.getItem('parley:' + key + ':token');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(11 * 1024 * 1024)], { type: 'text/plain' }), 'huge.txt');
      const r = await fetch(api + '/api/v1/attachments', { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: form });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    { api: stack.parleyUrl, key: stack.siteKey },
  );
  assert.equal(refused.status, 413);
  assert.equal(refused.body?.code, 'payload_too_large');

  await widgetHasMessage(v, caption);
  assert.deepEqual(errors, []);
});
