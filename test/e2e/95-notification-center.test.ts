import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { watchErrors } from './support/browser.ts';
import { dashboard, loginDashboard, openConversation } from './support/dashboard.ts';
import { makeVisitor, tones, visitorSays, watchAttention } from './support/dashboard-extra.ts';
import { useStack } from './support/use-stack.ts';
import { eventually, stays, textsOf } from './support/wait.ts';

/**
 * Scenario 95: the agents' notification center. Ada is signed in in two browser profiles (two
 * devices); Ben mentions her in a private note, picking her from the composer's @ autocomplete. The
 * mention arrives in both, with the count on the bell; the sound plays in one of them only; reading
 * it in one clears it in the other; one that came while a device was offline is there when it is back;
 * opening the conversation from a notification reads it everywhere;
 * sound switched off on one device is off on the other.
 */
const { stack, person, page } = useStack();
const $ = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const bellCount = async (p: Page) => Number(await $(p, 'notification-bell').getAttribute('data-count'));

async function mention(ben: Page, typed: string, rest: string): Promise<void> {
  await $(ben, 'note-toggle').click();
  const composer = dashboard(ben).composer;
  await composer.fill('');
  await composer.pressSequentially(typed);
  await $(ben, 'mention-popup').waitFor();
  assert.deepEqual(await textsOf($(ben, 'mention-option')), [`@${stack.agents.a.name}`], 'colleagues only, matched by a word of the name');
  await composer.press('Enter');
  await composer.pressSequentially(rest);
  await composer.press('Enter');
}

test('a mention reaches both of the agent\'s devices, rings in one, and reading in one clears the other', async () => {
  const [ada1, ada2] = [await (await person()).newPage(), await (await person()).newPage()];
  const ben = await page();
  const errors = [...watchErrors(ada1), ...watchErrors(ada2), ...watchErrors(ben)];
  for (const p of [ada1, ada2]) await watchAttention(p);
  const v = await makeVisitor(stack.server.store, stack.site.id, { label: 'Brave Marten' });
  await visitorSays(stack.server.domain, stack.site.id, v.id, 'My stove arrived without its pump');
  await loginDashboard(ada1, stack.dashboardUrl, stack.agents.a);
  await loginDashboard(ada2, stack.dashboardUrl, stack.agents.a);
  await loginDashboard(ben, stack.dashboardUrl, stack.agents.b);
  // The audio context may start only after a gesture: the agent clicked into the page once.
  for (const p of [ada1, ada2]) await $(p, 'notification-bell').click();
  for (const p of [ada1, ada2]) assert.equal(await bellCount(p), 0);

  await openConversation(ben, 'without its pump');
  await mention(ben, '@lov', 'can you check the pump stock?');
  // Ben's thread shows the mention as a chip, as text.
  const chip = dashboard(ben).messages.last().locator('[data-testid="mention-chip"]');
  await eventually(async () => assert.equal(await chip.innerText(), `@${stack.agents.a.name}`));
  assert.equal(await chip.getAttribute('data-staff-id'), stack.agents.a.id);

  // Both devices: the count and the item, newest first, with what the note said.
  await eventually(async () => assert.deepEqual([await bellCount(ada1), await bellCount(ada2)], [1, 1]));
  for (const p of [ada1, ada2]) {
    const item = $(p, 'notification-item').first();
    await eventually(async () => assert.match(await item.innerText(), new RegExp(`Ben Carter mentioned you[\\s\\S]*@${stack.agents.a.name} can you check the pump stock\\?`)));
    assert.equal(await item.getAttribute('data-read'), 'false');
  }
  // One beep (two tones) in one of the two, never in both.
  await eventually(async () => assert.equal((await tones(ada1)) + (await tones(ada2)), 2));
  await stays(async () => assert.deepEqual([await tones(ada1), await tones(ada2)].sort(), [0, 2]), 800);

  // Read on the first device: the second clears at once.
  await $(ada1, 'notification-read').first().click();
  await eventually(async () => assert.deepEqual([await bellCount(ada1), await bellCount(ada2)], [0, 0]));
  await eventually(async () => assert.equal(await $(ada2, 'notification-item').first().getAttribute('data-read'), 'true'));

  // The first device loses its connection; a second mention reaches the other at once and the first
  // when it is back (its hello says the server holds a newer one: the list is loaded again).
  await ada1.context().setOffline(true);
  await $(ada1, 'connection-indicator').and(ada1.locator(':not([data-state="connected"])')).waitFor();
  await mention(ben, '@ada', 'and the fuel bottle too');
  await eventually(async () => assert.equal(await bellCount(ada2), 1));
  assert.equal(await bellCount(ada1), 0);
  await ada1.context().setOffline(false);
  await eventually(async () => assert.equal(await bellCount(ada1), 1), 20_000);
  await eventually(async () => assert.match(await $(ada1, 'notification-item').first().innerText(), /and the fuel bottle too/));
  await eventually(async () => assert.equal((await tones(ada1)) + (await tones(ada2)), 4));
  // Opening its conversation from the second device's panel reads it on the first.
  await $(ada2, 'notification-open').first().click();
  await dashboard(ada2).composer.waitFor({ state: 'visible' });
  await eventually(async () => assert.match(await dashboard(ada2).title.innerText(), /Brave Marten/));
  await eventually(async () => assert.deepEqual([await bellCount(ada1), await bellCount(ada2)], [0, 0]));

  // Preferences are the agent's, on the server: sound off on one device is off on the other.
  if (!(await $(ada1, 'notification-panel').isVisible())) await $(ada1, 'notification-bell').click();
  await $(ada1, 'notification-settings-button').click();
  await $(ada1, 'notification-sound').uncheck();
  await $(ada2, 'notification-bell').click();
  await $(ada2, 'notification-settings-button').click();
  await eventually(async () => assert.equal(await $(ada2, 'notification-sound').isChecked(), false));
  // The second device has that conversation open in front of her: it arrives there already read.
  await mention(ben, '@ada', 'quietly this time');
  await eventually(async () => assert.match(await $(ada1, 'notification-item').first().innerText(), /quietly this time/));
  await eventually(async () => assert.equal(await $(ada1, 'notification-item').first().getAttribute('data-read'), 'true'));
  assert.deepEqual([await bellCount(ada1), await bellCount(ada2)], [0, 0]);
  await stays(async () => assert.equal((await tones(ada1)) + (await tones(ada2)), 4), 800);
  // The same preferences in the settings area's account section.
  await ada2.goto(new URL('/dashboard/settings/account', stack.dashboardUrl).href);
  await eventually(async () => assert.equal(await ada2.locator('[data-testid="account-notifications"] [data-testid="notification-sound"]').isChecked(), false));
  assert.equal(await ada2.locator('[data-testid="account-notifications"] [data-testid="notification-kind-mention"]').isChecked(), true);
  assert.deepEqual(errors, []);
});
