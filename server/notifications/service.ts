import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  type EphemeralEvent,
  type Notification,
  type NotificationPreferences,
  type NotificationState,
} from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';
import type { Timers } from '../domain/domain.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import { createLogFollower } from '../eventlog/follower.ts';
import type { Logger } from '../log.ts';
import { publicNotification, type NotificationReadTarget, type StoredNotification } from '../store/notification-records.ts';
import type { Store } from '../store/store.ts';
import { draftsFor } from './drafts.ts';

/**
 * The agents' notification center, wired. Every process runs the same loop every pollMs: it follows
 * the event log (the 'notifications' follower, one process per site under a lease) into each agent's
 * notifications, stored once per (agent, event cursor, kind), so an event handed over twice after a
 * crash makes each one once; then it tells the agent's sockets on every process (the agent's bus
 * topic). Reads are stored and told the same way. The bus is only a hint: a socket that missed a push
 * gets the agent's state with its next hello, and the list from REST.
 */
export interface NotificationService {
  tick(): Promise<void>;
  /**
   * This process just committed events: follow the log now rather than at the next poll (a round
   * running already is followed by one more), so a notification of a commit made here is pushed in
   * milliseconds. Commits of other processes are their kick's, or the poll's.
   */
  kick(): void;
  list(p: Principal, q: { before?: string | null; limit: number; unread?: boolean }): Promise<{ items: Notification[]; nextCursor: string | null; state: NotificationState }>;
  markRead(p: Principal, target: NotificationReadTarget): Promise<NotificationState>;
  state(p: Principal): Promise<NotificationState>;
  /** True for the first of the agent's tabs and devices to ask: that one plays the sound and shows the desktop notification. */
  ring(p: Principal, id: string): Promise<boolean>;
  preferences(p: Principal): Promise<NotificationPreferences>;
  setPreferences(p: Principal, prefs: NotificationPreferences): Promise<NotificationPreferences>;
  start(): void;
  close(): Promise<void>;
}

export interface NotificationDeps {
  store: Store;
  bus: Bus;
  now: () => number;
  timers: Timers;
  log: Logger;
  config: { pollMs: number; leaseMs: number; keepDays: number };
  owner?: string;
}

/** Ephemeral events on the agent's own topic (protocol/events.ts). */
export type NotificationEvent = Extract<EphemeralEvent, { kind: 'notification' | 'notifications.read' | 'notifications.preferences' }>;

/** How often a process removes notifications past PARLEY_NOTIFY_KEEP_DAYS. */
const PRUNE_EVERY_MS = 3_600_000;

function staffOf(p: Principal): { siteId: string; staffId: string } {
  if (p.kind !== 'staff') return fail('forbidden', 'Only staff have notifications.');
  return { siteId: p.siteId, staffId: p.staffId };
}

export function createNotificationService(deps: NotificationDeps): NotificationService {
  const { store, bus, now, log } = deps;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  function tell(staffId: string, event: NotificationEvent): void {
    const topic = Topics.staff(staffId);
    bus.publish(topic, event).catch((err) => log.warn('notification push failed (the next hello heals it)', { topic, err }));
  }

  async function announce(siteId: string, made: StoredNotification[]): Promise<void> {
    const byAgent = new Map<string, StoredNotification[]>();
    for (const n of made) byAgent.set(n.staffId, [...(byAgent.get(n.staffId) ?? []), n]);
    for (const [staffId, list] of byAgent) {
      const state = await store.notificationState(siteId, staffId);
      for (const n of list) tell(staffId, { kind: 'notification', notification: publicNotification(n), state });
    }
  }

  const follower = createLogFollower({
    name: 'notifications',
    store,
    owner,
    now,
    leaseMs: deps.config.leaseMs,
    async handle(siteId, events) {
      // Deactivated members get none (they cannot sign in to read them).
      const agents = (await store.listStaff(siteId)).filter((s) => s.deactivatedAt === null).map((s) => s.id);
      if (agents.length === 0) return;
      const drafts = await draftsFor({
        siteId,
        events,
        agents,
        preferences: await store.siteNotificationPreferences(siteId),
        assigneesOf: (ids) => store.conversationAssignees(siteId, ids),
        at: now(),
      });
      if (drafts.length === 0) return;
      // Stored before the cursor moves on (the follower saves it after this returns): none is lost.
      await announce(siteId, await store.addNotifications(drafts));
    },
  });

  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let closed = false;
  let prunedAt = -Infinity;
  const round = async () => {
    try {
      await follower.poll();
    } catch (err) {
      log.error('notification follower failed', { err });
    }
    if (now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now();
    try {
      while ((await store.pruneNotifications(now() - deps.config.keepDays * 86_400_000, 1000)) === 1000);
    } catch (err) {
      log.warn('old notifications not removed', { err });
    }
  };
  let again = false;
  const tick = (): Promise<void> =>
    (running ??= round().finally(() => {
      running = null;
      if (again && !closed) {
        again = false;
        void tick();
      }
    }));
  const schedule = () => {
    if (!closed) timer = deps.timers.setTimeout(() => void tick().finally(schedule), deps.config.pollMs);
  };

  return {
    tick,
    kick() {
      if (closed) return;
      if (running) again = true;
      else void tick();
    },
    async list(p, q) {
      const { siteId, staffId } = staffOf(p);
      const items = await store.listNotifications({ siteId, staffId, before: q.before ?? null, limit: q.limit, unread: q.unread });
      return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null, state: await store.notificationState(siteId, staffId) };
    },
    async markRead(p, target) {
      const { siteId, staffId } = staffOf(p);
      const at = now();
      const changed = await store.markNotificationsRead({ siteId, staffId, target, at });
      const state = await store.notificationState(siteId, staffId);
      if (changed > 0) tell(staffId, { kind: 'notifications.read', ...target, readAt: at, state });
      return state;
    },
    ring(p, id) {
      const { siteId, staffId } = staffOf(p);
      return store.claimNotificationRing({ siteId, staffId, id, at: now() });
    },
    state(p) {
      const { siteId, staffId } = staffOf(p);
      return store.notificationState(siteId, staffId);
    },
    async preferences(p) {
      const { siteId, staffId } = staffOf(p);
      return (await store.getNotificationPreferences(siteId, staffId)) ?? DEFAULT_NOTIFICATION_PREFERENCES;
    },
    async setPreferences(p, prefs) {
      const { siteId, staffId } = staffOf(p);
      const preferences = { kinds: [...new Set(prefs.kinds)], sound: prefs.sound, desktop: prefs.desktop };
      await store.setNotificationPreferences({ siteId, staffId, preferences, at: now() });
      tell(staffId, { kind: 'notifications.preferences', preferences });
      return preferences;
    },
    start: schedule,
    async close() {
      closed = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      await running;
    },
  };
}
