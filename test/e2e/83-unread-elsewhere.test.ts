import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, watchErrors } from './support/browser.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, widgetShows } from './support/widget.ts';
import { staffApi } from './support/widget-extra.ts';

/**
 * Scenario 83: a reply in another of the visitor's conversations, while they read this one. The
 * header's conversations button carries a badge with the count of unread replies elsewhere, a polite
 * live region says it in words (and is the button's description); opening that conversation clears it.
 */
const { stack, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const badge = (p: Page) => $(p, 'parley-elsewhere').locator('.badge');

/** What a screen reader gets, from Chromium's accessibility tree: the button's name and description, the live region. */
async function accessibility(p: Page): Promise<{ button?: { name: string; description: string }; status?: { live: string; text: string } }> {
  const cdp = await p.context().newCDPSession(p);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: any[] };
  await cdp.detach();
  const value = (n: any, k: string) => n?.[k]?.value ?? '';
  const prop = (n: any, k: string) => n?.properties?.find((x: any) => x.name === k)?.value?.value ?? '';
  const button = nodes.find((n) => value(n, 'role') === 'button' && value(n, 'name') === 'Your conversations');
  const status = nodes.find((n) => value(n, 'role') === 'status');
  return {
    button: button && { name: value(button, 'name'), description: value(button, 'description') },
    // Its words: the visible number beside them is aria-hidden.
    status: status && { live: prop(status, 'live'), text: (await $(p, 'parley-elsewhere').evaluate((el) => el.querySelector('.sr')?.textContent || '')).trim() },
  };
}

test('a reply in another conversation shows on the conversations button, is announced, and clears when opened', async () => {
  const v = await page();
  const errors = watchErrors(v);
  await v.goto(stack.examples.pages.anonymous);
  await openWidget(v);
  await sendFromWidget(v, 'Where is my tent?');
  await widgetShows(v, ['Where is my tent?']);
  // A second conversation, the one the visitor then reads.
  await $(v, 'parley-list').click();
  await $(v, 'parley-new-conversation').click();
  await sendFromWidget(v, 'Also: do you sell stoves?');
  await widgetShows(v, ['Also: do you sell stoves?']);

  const api = await staffApi(stack.parleyUrl, stack.agents.a);
  const [tent, stoves] = await eventually(async () => {
    const items = await api.conversations();
    const find = (text: string) => items.find((c) => c.lastMessage?.text === text);
    assert.ok(find('Where is my tent?') && find('Also: do you sell stoves?'), 'both conversations exist');
    return [find('Where is my tent?')!, find('Also: do you sell stoves?')!];
  });
  await eventually(async () => assert.equal((await accessibility(v)).status?.text, ''));
  assert.equal(await badge(v).count(), 0, 'no badge while nothing is unread elsewhere');

  // Two replies in the other conversation, one in this one (read here, so not counted).
  await api.reply(tent.id, 'It ships today.');
  await api.reply(tent.id, 'Tracking follows by email.');
  await api.reply(stoves.id, 'Yes, three models.');
  await widgetShows(v, ['Also: do you sell stoves?', 'Yes, three models.']);
  await eventually(async () => assert.equal((await badge(v).innerText()).trim(), '2'));
  assert.equal(await badge(v).isVisible(), true);
  const said = 'Unread replies in your other conversations: 2';
  await eventually(async () => assert.deepEqual(await accessibility(v), { button: { name: 'Your conversations', description: said }, status: { live: 'polite', text: said } }));
  // The badge sits on the button's corner and does not take its clicks.
  const [b, btn] = [await badge(v).boundingBox(), await $(v, 'parley-list').boundingBox()];
  assert.ok(b && btn && b.x < btn.x + btn.width && b.x + b.width > btn.x + btn.width - 8 && b.y < btn.y + 8, `badge ${JSON.stringify(b)} on button ${JSON.stringify(btn)}`);
  assert.deepEqual(await seriousA11yViolations(v, 'parley-widget'), []);

  // Closed and opened again: the signal is still there.
  await $(v, 'parley-close').click();
  await $(v, 'parley-launcher').click();
  await eventually(async () => assert.equal((await badge(v).innerText()).trim(), '2'));

  // Opening that conversation shows its replies and clears the signal.
  await $(v, 'parley-list').click();
  await v.locator(`[data-testid="parley-conversation"][data-conversation-id="${tent.id}"]`).click();
  await widgetShows(v, ['Where is my tent?', 'It ships today.', 'Tracking follows by email.']);
  await eventually(async () => assert.equal(await badge(v).count(), 0));
  await eventually(async () => assert.deepEqual(await accessibility(v), { button: { name: 'Your conversations', description: '' }, status: { live: 'polite', text: '' } }));
  assert.deepEqual(errors, []);
});
