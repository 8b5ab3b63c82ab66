import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Agent } from './seed.ts';
import { eventually, textsOf } from './wait.ts';

/** The agent's side: the dashboard, found by the data-testid its parts carry (see dashboard/ui/*.tsx). */
export function dashboard(page: Page) {
  const $ = (id: string) => page.locator(`[data-testid="${id}"]`);
  return {
    rows: $('inbox-row'),
    conversation: $('conversation'),
    title: $('conversation-title'),
    messages: $('message'),
    pending: $('message-pending'),
    composer: $('composer'),
    send: $('send-button'),
    typing: $('typing-indicator'),
    readMark: $('read-mark'),
    totalUnread: $('total-unread'),
    connection: $('connection-indicator'),
    visitorPanel: $('visitor-panel'),
    visitorName: $('visitor-name'),
    visitorEmail: $('visitor-email'),
    visitorIdentity: $('visitor-identity'),
    attachments: $('attachment'),
  };
}

/** Signs in through the login form and waits for the live connection. */
export async function loginDashboard(page: Page, dashboardUrl: string, agent: Agent): Promise<void> {
  await page.goto(dashboardUrl);
  await page.locator('[data-testid="login-email"]').fill(agent.email);
  await page.locator('[data-testid="login-password"]').fill(agent.password);
  await page.locator('[data-testid="login-submit"]').click();
  await waitLive(page);
}

export async function waitLive(page: Page, timeoutMs?: number): Promise<void> {
  await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ state: 'attached', timeout: timeoutMs });
}

/** The inbox row whose preview or name contains this text. */
export function inboxRow(page: Page, text: string) {
  return dashboard(page).rows.filter({ hasText: text });
}

/** The unread badge number a row shows (0 when there is no badge). */
export async function rowUnread(page: Page, text: string): Promise<number> {
  // One read that never waits: a badge that goes away between a count() and an innerText() (it is
  // cleared while we look, the very change waitRowUnread(…, 0) waits for) would hang the innerText().
  const [badge] = await inboxRow(page, text).locator('[data-testid="unread-badge"]').allInnerTexts();
  return badge === undefined ? 0 : Number.parseInt(badge.trim(), 10);
}

export async function waitRowUnread(page: Page, text: string, n: number, timeoutMs?: number): Promise<void> {
  await eventually(async () => assert.equal(await rowUnread(page, text), n, `row "${text}" should show ${n} unread`), timeoutMs);
}

/** Opens the conversation whose row shows this text (else the newest) and waits for its thread. */
export async function openConversation(page: Page, text?: string): Promise<void> {
  await (text === undefined ? dashboard(page).rows : inboxRow(page, text)).first().click();
  await dashboard(page).composer.waitFor({ state: 'visible' });
}

export async function reply(page: Page, text: string): Promise<void> {
  const { composer } = dashboard(page);
  await composer.fill(text);
  await composer.press('Enter');
}

/** The text in each message bubble of the open conversation (author line excluded). */
export async function threadTexts(page: Page): Promise<string[]> {
  return textsOf(page.locator('[data-testid="message"] .msg-text'));
}

export async function dashboardShows(page: Page, expected: string[], timeoutMs?: number): Promise<void> {
  await eventually(async () => assert.deepEqual(await threadTexts(page), expected), timeoutMs);
}

export async function dashboardHasMessage(page: Page, text: string, timeoutMs?: number): Promise<void> {
  await eventually(async () => {
    const texts = await threadTexts(page);
    assert.ok(texts.includes(text), `dashboard should show "${text}", shows ${JSON.stringify(texts)}`);
  }, timeoutMs);
}
