import type { DurableEvent } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Store } from '../store/store.ts';
import type { Timers } from './domain.ts';
import { createUnreadRelay } from './presence-unread-relay.ts';
import type { PublishErrorHandler } from './routing.ts';
import { createAgentUnread, type AgentUnread } from './unread-counts.ts';
import { createUnreadPusher, type UnreadPusher } from './unread-push.ts';

/**
 * Pushes `unread` events ({ counts, total }: the agent's full map) to an agent's own topic. Counts
 * are kept in memory for the agents connected to this process only (unread-counts.ts): read from the
 * store when an agent's first socket here is ready, then moved by the site's durable events, which
 * arrive through the site feed from this process and from any other (presence-unread-relay.ts). An offline
 * agent gets fresh counts from the inbox and from their next hello. Pushes are throttled per agent
 * (unread-push.ts, config.unreadPushMs).
 */
export interface UnreadNotifier {
  /** A socket of this agent is ready here: the first one loads their counts; every one gets them pushed now. */
  connected(siteId: string, staffId: string): Promise<void>;
  /** The agent's last socket on this process closed: forget their counts. */
  disconnected(siteId: string, staffId: string): void;
  /** Resolves when no store read is running (shutdown waits for it before closing the store). */
  idle(): Promise<void>;
  /** Stops listening and drops pending pushes. */
  close(): void;
}

export interface UnreadNotifierDeps {
  store: Store;
  bus: Bus;
  feeds: Feeds;
  now: () => number;
  timers: Timers;
  /** At most one push per agent per this interval (config.unreadPushMs). */
  pushIntervalMs: number;
  onPublishError: PublishErrorHandler;
}

interface Agent {
  siteId: string;
  staffId: string;
  counts: AgentUnread;
  pusher: UnreadPusher;
  ready: Promise<void>;
}

export function createUnreadNotifier(deps: UnreadNotifierDeps): UnreadNotifier {
  const agents = new Map<string, Agent>();
  /** siteId -> its agents here, for fanning a site's events out. */
  const bySite = new Map<string, Set<Agent>>();
  const report = (err: unknown) => deps.onPublishError(err, 'unread', { kind: 'unread', counts: {}, total: 0 });
  const relay = createUnreadRelay(deps.feeds, onSiteEvent, report);

  function onSiteEvent(siteId: string, e: DurableEvent): void {
    for (const agent of bySite.get(siteId) ?? []) agent.counts.observe(e);
  }

  function push(agent: Agent): void {
    const event = { kind: 'unread' as const, ...agent.counts.snapshot() };
    const topic = Topics.staff(agent.staffId);
    deps.bus.publish(topic, event).catch((err) => deps.onPublishError(err, topic, event));
  }

  function start(siteId: string, staffId: string): Agent {
    const agent = { siteId, staffId } as Agent;
    agent.pusher = createUnreadPusher({ intervalMs: deps.pushIntervalMs, now: deps.now, timers: deps.timers, push: () => push(agent) });
    agent.counts = createAgentUnread({ store: deps.store, siteId, staffId, changed: () => agent.pusher.changed(), onError: report });
    agents.set(staffId, agent);
    let site = bySite.get(siteId);
    if (!site) bySite.set(siteId, (site = new Set()));
    site.add(agent);
    // Listen first, then read: a commit after the read is heard, one before it is in it.
    agent.ready = relay.join(siteId).then(() => agent.counts.load());
    return agent;
  }

  function stop(agent: Agent): void {
    if (agents.get(agent.staffId) === agent) agents.delete(agent.staffId);
    agent.counts.dispose();
    agent.pusher.dispose();
    const site = bySite.get(agent.siteId);
    if (!site?.delete(agent) || site.size > 0) return;
    bySite.delete(agent.siteId);
    relay.leave(agent.siteId);
  }

  return {
    async connected(siteId, staffId) {
      const agent = agents.get(staffId) ?? start(siteId, staffId);
      try {
        await agent.ready;
      } catch (err) {
        // Counts that could not be read are not kept: the agent's next socket tries again.
        if (agents.get(staffId) === agent) stop(agent);
        throw err;
      }
      if (agents.get(staffId) === agent) agent.pusher.pushNow();
    },
    disconnected(_siteId, staffId) {
      const agent = agents.get(staffId);
      if (agent) stop(agent);
    },
    async idle() {
      for (;;) {
        const all = [...agents.values()];
        await Promise.allSettled(all.map((a) => a.ready));
        await Promise.all(all.map((a) => a.counts.idle()));
        if (all.every((a) => agents.get(a.staffId) === a) && all.length === agents.size) return;
      }
    },
    close() {
      for (const agent of [...agents.values()]) stop(agent);
      relay.close();
    },
  };
}
