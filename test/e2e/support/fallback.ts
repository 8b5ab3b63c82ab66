import assert from 'node:assert/strict';
import { startExamples, type ExamplesServer } from '../../../examples/serve.ts';
import type { Store } from '../../../server/store/store.ts';
import { startChildStack, type ChildStack } from './child-stack.ts';
import { IDENTITY_SECRET, type Agent } from './seed.ts';
import { FIXTURES_DIR, startStack, type Stack } from './stack.ts';
import { startWsProxy, type WsProxy } from './ws-proxy.ts';

/**
 * Parley behind a proxy that refuses or stalls WebSocket upgrades (ws-proxy.ts), for the HTTP fallback
 * suites (e2e 90-93): the example pages and the dashboard reach the server only through the proxy.
 */
export interface FallbackStack {
  mode: 'refuse' | 'stall';
  proxy: WsProxy;
  dashboardUrl: string;
  anonymousPage: string;
  agents: { a: Agent; b: Agent };
  /** Open realtime sessions on each transport (the server's own count, as /metrics has it). */
  sessions(): Promise<{ ws: number; stream: number }>;
  stop(): Promise<void>;
}

async function examplesVia(proxy: WsProxy, siteKey: string): Promise<ExamplesServer> {
  return startExamples({ parleyUrl: proxy.url, siteKey, identitySecret: IDENTITY_SECRET, port: 0, extraRoots: { '/fixtures/': FIXTURES_DIR } });
}

/** The in-process stack (stack.ts) behind the proxy. */
export async function startFallbackStack(mode: FallbackStack['mode']): Promise<FallbackStack & { stack: Stack; store: Store }> {
  const stack = await startStack();
  const proxy = await startWsProxy(mode, stack.parleyUrl);
  const examples = await examplesVia(proxy, stack.siteKey);
  return {
    mode,
    stack,
    store: stack.server.store,
    proxy,
    dashboardUrl: `${proxy.url}/dashboard/`,
    anonymousPage: examples.pages.anonymous,
    agents: stack.agents,
    async sessions() {
      const out = { ws: 0, stream: 0 };
      for (const s of stack.server.gateway.countSessions()) out[s.transport] += s.n;
      return out;
    },
    async stop() {
      await examples.close().catch(() => {});
      await proxy.close().catch(() => {});
      await stack.stop();
    },
  };
}

const METRICS_TOKEN = 'e2e-metrics-token-0123456789';

/** Parley as a child process (child-stack.ts, so it can be SIGKILLed) behind the proxy, its public URL the proxy's. */
export async function startFallbackChildStack(mode: FallbackStack['mode']): Promise<FallbackStack & { child: ChildStack }> {
  const proxy = await startWsProxy(mode);
  let child: ChildStack | undefined;
  let examples: ExamplesServer | undefined;
  try {
    child = await startChildStack({ env: { PARLEY_PUBLIC_URL: proxy.url, PARLEY_METRICS_TOKEN: METRICS_TOKEN } });
    proxy.target = child.parleyUrl;
    examples = await examplesVia(proxy, child.siteKey);
  } catch (err) {
    await child?.stop();
    await proxy.close();
    throw err;
  }
  const c = child;
  const ex = examples;
  return {
    mode,
    child: c,
    proxy,
    dashboardUrl: `${proxy.url}/dashboard/`,
    anonymousPage: ex.pages.anonymous,
    agents: c.agents,
    async sessions() {
      const text = await (await fetch(`${proxy.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const out = { ws: 0, stream: 0 };
      for (const m of text.matchAll(/^parley_realtime_sessions\{transport="(ws|stream)",role="\w+"\} (\d+)/gm)) out[m[1] as 'ws' | 'stream'] += Number(m[2]);
      return out;
    },
    async stop() {
      await ex.close().catch(() => {});
      await proxy.close().catch(() => {});
      await c.stop();
    },
  };
}

/** Both people are on the fallback: streams open, no WebSocket session, and the proxy did see (and spoil) the upgrades. */
export async function assertOnFallback(stack: FallbackStack, streams: number): Promise<void> {
  const s = await stack.sessions();
  assert.equal(s.ws, 0, `no WebSocket session behind a proxy that ${stack.mode}s upgrades`);
  assert.ok(s.stream >= streams, `${s.stream} streams open, at least ${streams} expected`);
  assert.ok(stack.proxy.upgrades >= 2, 'the browsers did try WebSocket first');
}
