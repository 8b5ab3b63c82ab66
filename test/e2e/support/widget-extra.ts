import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type InboxItem, type Message, type ServerEvent, type Visitor } from '../../../protocol/index.ts';
import type { Agent } from './seed.ts';
import { eventually } from './wait.ts';

/**
 * Staff from Node, without a dashboard page: REST calls with a staff token (to seed replies fast,
 * move read cursors, change site settings) and a real staff WebSocket (it makes staff "online" for
 * visitors and receives the visitor's typing). For the widget-experience scenarios (12).
 */
export interface StaffApi {
  token: string;
  call<T = any>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** The site's conversations, newest first. */
  conversations(): Promise<InboxItem[]>;
  /** Waits until exactly one conversation exists and returns it. */
  onlyConversation(): Promise<InboxItem>;
  reply(conversationId: string, text: string): Promise<Message>;
  read(conversationId: string, seq: number): Promise<void>;
  visitor(id: string): Promise<Visitor>;
}

export async function staffApi(parleyUrl: string, agent: Agent): Promise<StaffApi> {
  const login = await fetch(`${parleyUrl}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: agent.password }),
  });
  assert.equal(login.status, 200, `staff login: ${await login.clone().text()}`);
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const res = await fetch(parleyUrl + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const conversations = async () => (await call<{ items: InboxItem[] }>('/api/v1/conversations?limit=50')).items;
  return {
    token,
    call,
    conversations,
    onlyConversation: () =>
      eventually(async () => {
        const items = await conversations();
        assert.equal(items.length, 1, `one conversation expected, found ${items.length}`);
        return items[0];
      }),
    reply: async (conversationId, text) =>
      (await call<{ message: Message }>(`/api/v1/conversations/${conversationId}/messages`, { body: { clientId: randomUUID(), text } })).message,
    read: async (conversationId, seq) => void (await call(`/api/v1/conversations/${conversationId}/read`, { body: { seq } })),
    visitor: async (id) => (await call<{ visitor: Visitor }>(`/api/v1/visitors/${id}`)).visitor,
  };
}

/** A staff member's live connection: while it is open, visitors see "online". */
export interface StaffSocket {
  events: ServerEvent[];
  request(cmd: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

export async function staffSocket(parleyUrl: string, token: string): Promise<StaffSocket> {
  const ws = new WebSocket(parleyUrl.replace(/^http/, 'ws') + '/ws');
  const events: ServerEvent[] = [];
  const waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'event') events.push(frame.event);
    const w = frame.id ? waiting.get(frame.id) : undefined;
    if (!w) return;
    waiting.delete(frame.id);
    if (frame.type === 'ack') w.resolve(frame.result);
    else w.reject(new Error(`${frame.code}: ${frame.message}`));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const request = (cmd: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = randomUUID();
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ ...cmd, id }));
    });
  await request({ type: 'hello', v: PROTOCOL_VERSION, token });
  return {
    events,
    request,
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

/** The widget's shadow root element with this test id, for in-page event dispatch and measuring. */
export const inShadow = (testId: string) => `document.querySelector('parley-widget').shadowRoot.querySelector('[data-testid="${testId}"]')`;

/** Scroll metrics of the message log. */
export async function logScroll(page: Page): Promise<{ top: number; height: number; client: number; fromBottom: number }> {
  return page.locator('[data-testid="parley-messages"]').evaluate((el) => ({
    top: el.scrollTop,
    height: el.scrollHeight,
    client: el.clientHeight,
    fromBottom: el.scrollHeight - el.scrollTop - el.clientHeight,
  }));
}

/** Events the fixture page recorded through Parley('on', ...). */
export async function hostEvents(page: Page): Promise<{ name: string; data: any }[]> {
  return page.evaluate(() => (window as any).__events ?? []);
}

/** Every localStorage key the widget keeps for this site. */
export async function parleyKeys(page: Page, siteKey: string): Promise<string[]> {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), `parley:${siteKey}:`);
}
