import type { AckResults, DurableEvent, Message } from '../../protocol/index.ts';
import { liveClient, type LiveClient } from '../../client/testing/live-client.ts';
import { waitUntil } from '../realtime/test-helpers.ts';
import type { ChildNode } from './child-node.ts';

export interface Deployment {
  nodes: ChildNode[];
  siteKey: string;
  staff: { email: string; password: string }[];
}

export interface ChaosOptions {
  visitors: number;
  /** Messages each visitor writes; staff answer every third. */
  messages: number;
  /** Server kill -9s spread over the run (each node started again at once). */
  serverKills: number;
  /** One socket of a random client is cut after this many acks, on average. */
  socketKillEvery: number;
  seed: number;
}

type Acked = AckResults['message.send'];

/**
 * Visitors and agents writing through the real client core while their sockets are cut at random
 * and server processes are killed -9 and started again. Chaos is driven by progress (acks), not by
 * timers: it happens at the same points of the conversation however loaded the machine is.
 * Returns what every client was handed, for the caller's assertions.
 */
export async function runChaos(d: Deployment, o: ChaosOptions) {
  const random = mulberry32(o.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const live = () => d.nodes.filter((n) => n.alive);
  /** A load balancer: each new socket goes to a live process (any process while all are down). */
  const anyNode = () => (live().length ? pick(live()) : pick(d.nodes)).url.replace(/^http/, 'ws');

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${live()[0].url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const staffTokens = await Promise.all(d.staff.map((s) => post<{ token: string }>('/api/v1/staff/login', { email: s.email, password: s.password }).then((r) => r.token)));
  const visitorTokens = await Promise.all(
    Array.from({ length: o.visitors }, () => post<{ visitorToken: string }>('/api/v1/visitor/session', { siteKey: d.siteKey }).then((r) => r.visitorToken)),
  );

  const acked = new Map<string, Acked>();
  const staff = staffTokens.map((token) => liveClient({ url: () => `${anyNode()}/ws`, token, options: { backoffCapMs: 100 } }));
  const visitors = visitorTokens.map((token) => liveClient({ url: () => `${anyNode()}/ws?site=${encodeURIComponent(d.siteKey)}`, token, options: { backoffCapMs: 100 } }));
  const everyone = [...staff, ...visitors];
  const total = o.visitors * o.messages + o.visitors * Math.floor(o.messages / 3);
  const killAt = new Set(Array.from({ length: o.serverKills }, (_, i) => Math.floor(((i + 1) * total) / (o.serverKills + 1))));
  const restarts: Promise<void>[] = [];
  // One kill-and-restart at a time per process: a second kill that picks a process still starting
  // waits for it to be up, as a supervisor restarting a crashed service would (a kill during start
  // is not a state a client can tell from a slow start, and it made start() throw).
  const lastRestart = new Map<ChildNode, Promise<void>>();
  const restart = (node: ChildNode) => {
    const next = (lastRestart.get(node) ?? Promise.resolve()).then(() => node.kill()).then(() => node.start());
    lastRestart.set(node, next);
    return next;
  };
  let acks = 0;

  const onAck = () => {
    acks++;
    if (random() * o.socketKillEvery < 1) pick(everyone).kill();
    if (killAt.has(acks)) restarts.push(restart(pick(live().length ? live() : d.nodes)));
  };
  for (const c of everyone) {
    c.client.onOutbox((change) => {
      if (!change.acked) return;
      acked.set(change.item.clientId, change.acked);
      onAck();
    });
  }

  // Each visitor writes its next message once the previous one is acked; staff answer every third.
  visitors.forEach((v, i) => {
    let written = 0;
    const write = () => written < o.messages && v.client.send({ text: `v${i} #${++written}`, clientId: `v${i}.${written}` });
    v.client.onOutbox((change) => change.acked && write());
    write();
  });
  const answered = new Set<string>();
  staff.forEach((s, i) => {
    s.client.onEvent((e) => {
      if (e.kind !== 'message.created' || e.message.author.kind !== 'visitor') return;
      const n = Number(/#(\d+)$/.exec(e.message.text)?.[1]);
      // Each agent answers its share of the conversations; a message is answered once however often it is seen.
      if (n % 3 !== 0 || answered.has(e.message.id) || hash(e.conversationId) % staff.length !== i) return;
      answered.add(e.message.id);
      s.client.send({ conversationId: e.conversationId, text: `re: ${e.message.text}`, clientId: `re.${e.message.id}` });
    });
  });

  // Clients stop on every way out, or their reconnect timers keep the test process alive.
  try {
    return await drive();
  } finally {
    for (const c of everyone) c.client.stop();
  }

  async function drive() {
    // Agents first, so each one's log starts before the first visitor writes.
    for (const s of staff) s.client.start();
    await waitUntil(() => staff.every((s) => s.client.state === 'connected'), 60_000, 'agents connected');
    const staffStart = staff.map((s) => s.client.resumePoint().cursor ?? 0);
    for (const v of visitors) v.client.start();
    const all = () => acked.size === total && everyone.every((c) => c.client.outbox().length === 0);
    await waitUntil(all, 60_000, `every message acked (${acked.size} of ${total})`);
    await Promise.all(restarts);
    const messages = [...acked.values()];
    const byConversation = new Map<string, Acked[]>();
    for (const m of messages) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    const received = (c: LiveClient) => new Set(c.events.filter((e) => e.kind === 'message.created').map((e) => (e as { message: Message }).message.id));
    const visitorConversations = visitors.map((v) => new Set(v.events.map((e) => e.conversationId)));
    await waitUntil(
      () =>
        staff.every((s) => messages.every((m) => received(s).has(m.messageId))) &&
        visitors.every((v, i) => messages.filter((m) => visitorConversations[i].has(m.conversationId)).every((m) => received(v).has(m.messageId))),
      60_000,
      'every client holds every message',
    );

    // What the server has, through REST, from a live process.
    const history = async (conversationId: string) => {
      const res = await fetch(`${live()[0].url}/api/v1/conversations/${conversationId}/messages?limit=200`, { headers: { authorization: `Bearer ${staffTokens[0]}` } });
      if (!res.ok) throw new Error(`history: ${res.status}`);
      return ((await res.json()) as { messages: Message[] }).messages;
    };
    const stored = new Map<string, Message[]>();
    for (const id of byConversation.keys()) stored.set(id, await history(id));
    return { staff, staffStart, visitors, acked: messages, byConversation, stored, total, sockets: everyone.reduce((n, c) => n + c.sockets.length, 0) };
  }
}

export type ChaosResult = Awaited<ReturnType<typeof runChaos>>;

/** Durable events a client was handed that are messages, as ids in the order handed over. */
export const messageIds = (events: DurableEvent[]) => events.filter((e) => e.kind === 'message.created').map((e) => (e as { message: Message }).message.id);

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

/** A small seeded PRNG, so a failing run can be repeated with its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
