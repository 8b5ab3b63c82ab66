import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchErrors } from './support/browser.ts';
import { startChildStack } from './support/child-stack.ts';
import { dashboardShows, loginDashboard, openConversation, reply, waitLive } from './support/dashboard.ts';
import { useStack } from './support/use-stack.ts';
import { eventually } from './support/wait.ts';
import { openWidget, sendFromWidget, waitConnected, widgetShows } from './support/widget.ts';

/**
 * The other side of the HTTP fallback (issue 18): where WebSocket works, the widget and the dashboard
 * use it, and a server restart (during which both transports fail, and the fallback may be the first to
 * get through when the server is back) does not leave them on the fallback.
 */
const TOKEN = 'e2e-metrics-token-0123456789';
const { stack, page } = useStack(() => startChildStack({ env: { PARLEY_METRICS_TOKEN: TOKEN } }));

async function sessions(): Promise<{ ws: number; stream: number }> {
  const text = await (await fetch(`${stack.parleyUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const out = { ws: 0, stream: 0 };
  for (const m of text.matchAll(/^parley_realtime_sessions\{transport="(ws|stream)",role="(visitor|staff)"\} (\d+)/gm)) out[m[1] as 'ws' | 'stream'] += Number(m[3]);
  return out;
}

test('where WebSocket works both people are on it, and are on it again after a SIGKILL and restart of the server', async () => {
  try {
    const v = await page();
    const a = await page();
    const errors = [...watchErrors(v), ...watchErrors(a)];
    await loginDashboard(a, stack.dashboardUrl, stack.agents.a);
    await v.goto(stack.examples.pages.anonymous);
    await openWidget(v);
    await eventually(async () => assert.deepEqual(await sessions(), { ws: 2, stream: 0 }));
    const m1 = 'Is the trail open?';
    await sendFromWidget(v, m1);
    await openConversation(a, m1);

    await stack.kill();
    await stack.start();
    await Promise.all([waitLive(a, 45_000), waitConnected(v, 45_000)]);
    const r1 = 'Yes, since this morning.';
    await reply(a, r1);
    await Promise.all([widgetShows(v, [m1, r1]), dashboardShows(a, [m1, r1])]);
    // Whichever transport got through first after the restart, both end on WebSocket.
    await eventually(async () => assert.deepEqual(await sessions(), { ws: 2, stream: 0 }), 30_000);
    assert.deepEqual(errors, []);
  } catch (err) {
    console.error(`--- server output ---\n${stack.output()}`);
    throw err;
  }
});
