import assert from 'node:assert/strict';
import { connect, type TestServer } from '../../server/realtime/test-helpers.ts';

/**
 * A chat through a Parley running at `url` (any process: an installed release, another machine's build):
 * an agent signs in over REST and opens the staff socket, an anonymous visitor of the site opens a session
 * from an allowed origin and writes; the agent sees it live and answers; the visitor sees the answer.
 */
export async function chatThrough(url: string, o: { siteKey: string; origin: string; email: string; password: string; tag: string }): Promise<void> {
  const at = { server: { url } } as TestServer; // connect() needs only the URL of the server under test
  const login = await postJson(url + '/api/v1/staff/login', { email: o.email, password: o.password });
  const staff = await connect(at);
  const session = await postJson(url + '/api/v1/visitor/session', { siteKey: o.siteKey }, o.origin);
  const visitor = await connect(at, { site: o.siteKey, origin: o.origin });
  try {
    await staff.hello(login.token);
    await visitor.hello(session.visitorToken);
    const question = `Does the ${o.tag} install work?`;
    const sent = await visitor.call('message.send', { clientId: `${o.tag}-q`, text: question });
    await staff.waitForEvents((events) => events.some((e) => e.kind === 'message.created' && e.message.text === question));
    const answer = `It does (${o.tag}).`;
    await staff.call('message.send', { conversationId: sent.conversationId, clientId: `${o.tag}-a`, text: answer });
    await visitor.waitForEvents((events) => events.some((e) => e.kind === 'message.created' && e.message.text === answer));
  } finally {
    await Promise.all([staff.close(), visitor.close()]);
  }
}

async function postJson(url: string, body: unknown, origin?: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.equal(res.status, 200, `${url}: ${text}`);
  return JSON.parse(text);
}
