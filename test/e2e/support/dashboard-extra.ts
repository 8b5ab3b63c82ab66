import type { Page } from 'playwright-core';
import type { Domain } from '../../../server/domain/domain.ts';
import type { Store } from '../../../server/store/store.ts';
import { hashPassword } from '../../../server/auth/passwords.ts';
import type { Agent } from './seed.ts';

/**
 * Seeding for the triage suite (13): visitors made in the store and messages sent through the
 * domain (so they are published live, as a widget's would be), and a bulk inbox written straight
 * through the store before anyone looks.
 */
let clientSeq = 0;

export interface SeedVisitor {
  id: string;
  /** What the dashboard shows as the visitor's name. */
  shown: string;
}

export async function makeVisitor(store: Store, siteId: string, who: { label: string; name?: string; email?: string }): Promise<SeedVisitor> {
  const v = await store.createVisitor({
    siteId,
    label: who.label,
    name: who.name,
    email: who.email,
    emailVerified: who.name ? true : undefined,
    externalId: who.name ? `ext-${who.label}` : undefined,
    context: {},
    at: Date.now(),
  });
  if (who.name) await store.updateVisitor(v.id, { identified: true });
  return { id: v.id, shown: who.name ?? who.label };
}

/** The visitor writes (through the domain: committed, then published to every agent's socket). */
export async function visitorSays(domain: Domain, siteId: string, visitorId: string, text: string): Promise<{ conversationId: string; seq: number }> {
  const r = await domain.sendMessage({ kind: 'visitor', siteId, visitorId }, { clientId: `seed-${++clientSeq}-${Date.now()}`, text });
  return { conversationId: r.conversationId, seq: r.seq };
}

/** A second site with its own agent: the 10,000-conversation inbox lives there, apart from the others. */
export async function makeBigSite(store: Store): Promise<{ siteId: string; agent: Agent }> {
  const site = await store.createSite({ name: 'Big Inbox Co', allowedOrigins: ['http://127.0.0.1:*'], identitySecret: 'big-site-secret-0123456789abcdef0123456789', settings: {} });
  const password = 'carol-password-3';
  const rec = await store.createStaff({
    siteId: site.id, email: 'carol@big.test', name: 'Carol Diaz', role: 'agent', passwordHash: await hashPassword(password, { N: 1024, r: 8, p: 1 }),
  });
  return { siteId: site.id, agent: { id: rec.id, name: rec.name, email: rec.email, password } };
}

/** `count` conversations, one visitor message each, older than now; appends of one turn commit together. */
export async function seedManyConversations(store: Store, siteId: string, count: number, chunk = 1000): Promise<void> {
  const start = Date.now() - (count + 10) * 1000;
  for (let base = 0; base < count; base += chunk) {
    const n = Math.min(chunk, count - base);
    const visitors = await Promise.all(
      Array.from({ length: n }, (_, i) => store.createVisitor({ siteId, label: `Bulk Visitor ${base + i}`, context: {}, at: start + (base + i) * 1000 })),
    );
    await Promise.all(
      visitors.map((v, i) =>
        store.appendMessage({
          siteId, visitorId: v.id, clientId: `bulk-${base + i}`, author: { kind: 'visitor', id: v.id },
          text: `Bulk question number ${base + i}`, attachmentIds: [], note: false, at: start + (base + i) * 1000,
        }),
      ),
    );
  }
}

/** One conversation with `count` visitor messages ("Long thread message 1" … "count"), the newest activity of its site. */
export async function seedLongConversation(store: Store, siteId: string, count: number, chunk = 1000): Promise<{ conversationId: string; visitor: string }> {
  const label = 'Long Thread Visitor';
  const v = await store.createVisitor({ siteId, label, context: {}, at: Date.now() });
  const at = Date.now() - count;
  const first = await store.appendMessage({
    siteId, visitorId: v.id, clientId: 'long-1', author: { kind: 'visitor', id: v.id }, text: 'Long thread message 1', attachmentIds: [], note: false, at,
  });
  const conversationId = first.conversation.id;
  for (let base = 2; base <= count; base += chunk) {
    const ids = Array.from({ length: Math.min(chunk, count - base + 1) }, (_, i) => base + i);
    // One turn, one group commit; the store hands out seq in call order.
    await Promise.all(
      ids.map((k) =>
        store.appendMessage({
          siteId, conversationId, visitorId: v.id, clientId: `long-${k}`, author: { kind: 'visitor', id: v.id },
          text: `Long thread message ${k}`, attachmentIds: [], note: false, at: at + k,
        }),
      ),
    );
  }
  return { conversationId, visitor: label };
}

/**
 * Lets a test hide the tab (document.visibilityState = 'hidden' while window.__parleyHidden),
 * records every `new Notification(...)` in window.__parleyNotes and every tone started on a
 * WebAudio context in window.__parleyTones (headless Chromium plays nothing audible, but the
 * oscillators the dashboard starts are real). Runs before the app's scripts.
 */
export async function watchAttention(page: Page): Promise<void> {
  // A string, not a function: tsx's transform would add helpers (__name) the page does not have.
  await page.addInitScript({ content: ATTENTION_SCRIPT });
}

const ATTENTION_SCRIPT = `(() => {
  window.__parleyHidden = false;
  window.__parleyNotes = [];
  window.__parleyTones = 0;
  if (window.OscillatorNode) {
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args) {
      window.__parleyTones++;
      return start.apply(this, args);
    };
  }
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (window.__parleyHidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__parleyHidden });
  const Real = window.Notification;
  if (!Real) return;
  // Notification's own static getters throw on any \`this\` but Notification itself.
  class Recorded extends Real {
    static get permission() { return Real.permission; }
    static requestPermission() { return Real.requestPermission(); }
    constructor(title, opts) {
      window.__parleyNotes.push({ title, body: opts && opts.body });
      super(title, opts);
    }
  }
  Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: Recorded });
})();`;

export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    (window as unknown as { __parleyHidden: boolean }).__parleyHidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Tones started so far (the dashboard's beep is two). */
export async function tones(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __parleyTones: number }).__parleyTones);
}

export async function notifications(page: Page): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(() => (window as unknown as { __parleyNotes: { title: string; body?: string }[] }).__parleyNotes);
}

/** Logs in through REST (for checks of what the server answers, not of the UI). */
export async function staffToken(baseUrl: string, agent: Agent): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: agent.email, password: agent.password }) });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
