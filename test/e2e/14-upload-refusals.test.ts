import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seesRefusal } from './support/action-status.ts';
import { watchErrors } from './support/browser.ts';
import { dashboard, dashboardHasMessage, loginDashboard, openConversation } from './support/dashboard.ts';
import { startStack } from './support/stack.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widget } from './support/widget.ts';

/**
 * Scenario 14: a file the composer cannot attach, in the widget and in the dashboard. One over the
 * upload limit (PARLEY_MAX_UPLOAD_BYTES, here 64 KB) is stopped by the browser before any byte is sent,
 * with the code the server would answer (payload_too_large) and the limit named; one whose bytes are not
 * an allowed type is refused by the server, whose own sentence and code are shown. Both as text, and the
 * composer keeps working: a good file and a message still go out.
 */
const LIMIT = 64 * 1024;
const { stack, page } = useStack(() => startStack({ limits: { maxUploadBytes: LIMIT } }));

const tooBig = { name: 'scan.txt', mimeType: 'text/plain', buffer: Buffer.alloc(LIMIT + 1, 0x41) };
/** A Windows program's first bytes: declared as a PNG, sniffed as none of the allowed types. */
const program = { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 not an image', 'binary') };
const good = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('The order number is 4417.') };
const refusedByServer = /This kind of file is not accepted/;

test('the widget: over the limit and refused by the server, each with its code and sentence; the composer still sends', async () => {
  const v = await page();
  const errors = watchErrors(v);
  const w = widget(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'I will send you a file');

  await w.fileInput.setInputFiles(tooBig);
  const chips = v.locator('[data-testid="parley-upload"][role="alert"]');
  await seesRefusal(chips.first(), 'payload_too_large', /scan\.txt is larger than 64 KB/i);
  await w.fileInput.setInputFiles(program);
  await eventually(async () => assert.equal(await chips.count(), 2));
  await seesRefusal(chips.nth(1), 'unsupported_media_type', refusedByServer);
  assert.equal(await w.send.isDisabled(), true, 'nothing to send');

  // Both removed, a good file and a message go out.
  for (let n = 2; n > 0; n--) {
    await chips.first().locator('button').click();
    await eventually(async () => assert.equal(await chips.count(), n - 1));
  }
  await w.fileInput.setInputFiles(good);
  await eventually(async () => assert.equal(await w.send.isDisabled(), false));
  await w.input.fill('Here it is');
  await w.send.click();
  await eventually(async () => assert.match(await w.mine.last().innerText(), /Here it is/));
  await eventually(async () => assert.equal(await w.attachments.count(), 1));
  assert.equal(await w.uploads.count(), 0, 'the composer is empty again');
  assert.deepEqual(errors, []);
});

test('the dashboard: over the limit and refused by the server, each with its code and sentence; the composer still sends', async () => {
  const [v, a] = await Promise.all([page(), page()]);
  const errors = [...watchErrors(v), ...watchErrors(a)];
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Can you send me the invoice?');
  await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
  await openConversation(a, 'send me the invoice');
  const d = dashboard(a);
  const fileInput = a.locator('[data-testid="file-input"]');
  const error = a.locator('[data-testid="composer-error"]');

  await fileInput.setInputFiles(tooBig);
  await seesRefusal(error, 'payload_too_large', /scan\.txt is larger than 64 KB/i);
  await fileInput.setInputFiles(program);
  // The line shows the latest refusal (the first stays until the server has answered).
  await eventually(async () => assert.equal(await error.getAttribute('data-code'), 'unsupported_media_type'));
  await seesRefusal(error, 'unsupported_media_type', refusedByServer);
  assert.match(await error.innerText(), /photo\.png/, 'the file it is about');
  assert.equal(await a.locator('[data-testid="staged-attachment"]').count(), 0, 'nothing staged');

  await fileInput.setInputFiles(good);
  await a.locator('[data-testid="staged-attachment"]').waitFor();
  await d.composer.fill('Attached.');
  await d.send.click();
  await dashboardHasMessage(a, 'Attached.');
  await eventually(async () => assert.equal(await error.count(), 0, 'the refusal is gone once a message is sent'));
  await eventually(async () => assert.match(await widget(v).theirs.last().innerText(), /Attached\./));
  assert.deepEqual(errors, []);
});
