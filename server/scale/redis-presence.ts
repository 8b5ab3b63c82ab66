import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Actor, PresenceEntry, StaffAvailability } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';
import type { PresenceChange, PresenceDirectory } from '../domain/presence-directory.ts';
import { CHANGE, EXPIRED, HEARTBEAT, REAP, RESTORE, SNAPSHOT } from './presence-scripts.ts';

export interface RedisPresenceOptions {
  url: string;
  /** The Redis bus's prefix: announcements go to its channels (prefix + topic) and keys live under prefix + 'presence:'. */
  prefix: string;
  /** The bus whose channels the announcements use; the directory listens to sites' availability on it. */
  bus: Bus;
  /** A process that has not refreshed its entry for this long is gone; its sockets are reaped. */
  ttlMs: number;
  /** Reports failures of the heartbeat (it keeps running). */
  onError?: (err: unknown) => void;
  /** Default: a fresh UUID. */
  processId?: string;
}

export interface RedisPresenceDirectory extends PresenceDirectory {
  readonly processId: string;
  /** False while Redis is unreachable. */
  readonly up: boolean;
  onStatus(listener: (up: boolean) => void): () => void;
  /** Runs one heartbeat now (the timer runs one every ttlMs / 3). */
  heartbeat(): Promise<void>;
  /**
   * Stops. `leave` (default): this process's sockets are removed and announced at once. Without it the
   * entries are left to expire, as after a crash (tests use this to show that expiry works).
   */
  close(opts?: { leave?: boolean }): Promise<void>;
}

type Kind = 'visitor' | 'staff';
type Command = (...args: (string | number)[]) => Promise<unknown>;

/** Presence across processes in Redis: per-process socket counts, expiring when a process stops refreshing them. */
export async function createRedisPresence(opts: RedisPresenceOptions): Promise<RedisPresenceDirectory> {
  const me = opts.processId ?? randomUUID();
  const K = `${opts.prefix}presence:`;
  const keyTtl = opts.ttlMs * 4; // outlives the process entry, so whoever reaps it still finds its sockets
  const onError = opts.onError ?? ((err) => process.stderr.write(JSON.stringify({ level: 'error', msg: 'presence heartbeat failed', err: String(err) }) + '\n'));
  const redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const statusListeners = new Set<(up: boolean) => void>();
  let up = false;
  let everUp = false;
  const setUp = (next: boolean) => {
    if (next === up) return;
    up = next;
    for (const l of [...statusListeners]) l(up);
    // Back after an outage: Redis may have lost everything (a restart) or just our changes meanwhile.
    if (up && everUp) void resync().catch(onError);
    if (up) everUp = true;
  };
  redis.on('ready', () => setUp(true));
  redis.on('close', () => setUp(false));
  redis.on('end', () => setUp(false));
  redis.on('error', () => setUp(redis.status === 'ready'));
  await redis.connect();
  const scripts = { change: CHANGE, snapshot: SNAPSHOT, heartbeat: HEARTBEAT, expired: EXPIRED, reap: REAP, restore: RESTORE };
  for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { numberOfKeys: 0, lua });
  const cmd = (name: keyof typeof scripts) => (redis as unknown as Record<string, Command>)[name].bind(redis);

  /** This process's sockets: site -> 'kind:id' -> count (to refresh, restore and reap by). */
  const local = new Map<string, Map<string, number>>();
  /** Site -> availability summary as last announced; watched on the bus once learnt. */
  const summaries = new Map<string, StaffAvailability>();
  const watching = new Map<string, Promise<() => Promise<void> | void>>();
  /** Per actor, calls run in call order (a close never overtakes its open). */
  const chains = new Map<string, Promise<unknown>>();
  /** Site -> staff id -> the availability they have chosen (as Redis last answered), to put back after Redis lost it. */
  const choices = new Map<string, Map<string, StaffAvailability>>();
  /** 'site|kind|id' of actors whose change did not reach Redis: told again on resync. */
  const unsynced = new Set<string>();
  let closed = false;

  const channel = (topic: string) => opts.prefix + topic;
  const watch = (siteId: string) => {
    let w = watching.get(siteId);
    if (!w) {
      w = opts.bus.subscribe(Topics.siteVisitors(siteId), (e) => void (e.kind === 'availability' && summaries.set(siteId, e.status)));
      watching.set(siteId, w);
    }
    return w;
  };

  const countLocally = (siteId: string, actor: Actor, delta: number) => {
    if (delta === 0) return;
    let site = local.get(siteId);
    if (!site) local.set(siteId, (site = new Map()));
    const k = `${actor.kind}:${actor.id}`;
    const n = (site.get(k) ?? 0) + delta;
    if (n > 0) site.set(k, n);
    else site.delete(k);
  };

  /** Applies a change in Redis and announces what changed. */
  async function apply(siteId: string, actor: Actor, delta: number, choiceMode = '', choiceValue = ''): Promise<{ status: StaffAvailability; summary: StaffAvailability }> {
    const actorChannel = actor.kind === 'staff' ? channel(Topics.staff(actor.id)) : '';
    const [status, summary] = (await cmd('change')(
      K, me, keyTtl, siteId, actor.kind, actor.id, delta, choiceMode, choiceValue,
      channel(Topics.siteStaff(siteId)), actorChannel, channel(Topics.siteVisitors(siteId)),
    )) as [StaffAvailability, StaffAvailability];
    return { status, summary };
  }

  function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (chains.get(key) ?? Promise.resolve()).catch(() => {}).then(fn);
    chains.set(key, run);
    void run.catch(() => {}).finally(() => chains.get(key) === run && chains.delete(key));
    return run;
  }

  const remember = (siteId: string, actor: Actor, status: StaffAvailability) => {
    if (actor.kind !== 'staff') return;
    let site = choices.get(siteId);
    if (!site) choices.set(siteId, (site = new Map()));
    if ((local.get(siteId)?.get(`staff:${actor.id}`) ?? 0) > 0) site.set(actor.id, status);
    else site.delete(actor.id);
  };

  /**
   * Puts this process's view back into Redis: after an outage (changes made meanwhile never arrived)
   * or a restart that lost every key (procs, counts, agents' chosen availability, what was announced).
   * Each actor's count is set to what this process holds, its choice seeded again, and its status
   * announced where it changed.
   */
  async function resync(): Promise<void> {
    await cmd('heartbeat')(K, me, opts.ttlMs);
    const todo = new Set(unsynced);
    for (const [siteId, actors] of local) for (const k of actors.keys()) todo.add(`${siteId}|${k}`);
    unsynced.clear();
    for (const entry of todo) {
      const [siteId, k] = [entry.slice(0, entry.indexOf('|')), entry.slice(entry.indexOf('|') + 1)];
      const [kind, id] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)] as [Kind, string];
      const actor = { kind, id };
      try {
        await cmd('restore')(K, me, keyTtl, siteId, kind, id, local.get(siteId)?.get(k) ?? 0);
        const choice = kind === 'staff' ? choices.get(siteId)?.get(id) : undefined;
        const { status } = await apply(siteId, actor, 0, choice ? 'seed' : '', choice ?? '');
        remember(siteId, actor, status);
      } catch (err) {
        unsynced.add(entry);
        throw err;
      }
    }
  }

  /** Re-announces actors a reap took away (offline, unless another process still holds them). */
  async function announceReaped(flat: string[]): Promise<void> {
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const actor = { kind: flat[i + 1] as Kind, id: flat[i + 2] };
      await apply(flat[i], actor, 0);
    }
  }

  async function heartbeat(): Promise<void> {
    if (closed) return;
    const added = (await cmd('heartbeat')(K, me, opts.ttlMs)) as number;
    // Our entry was gone (a stall longer than the ttl got us reaped, or Redis lost its data): put our sockets back.
    if ((added === 1 && local.size) || unsynced.size) await resync();
    const refresh = redis.pipeline();
    for (const siteId of local.keys()) {
      for (const kind of ['visitor', 'staff']) refresh.pexpire(`${K}conn:${me}:${siteId}:${kind}`, keyTtl);
      refresh.pexpire(`${K}last:${siteId}`, keyTtl);
    }
    refresh.pexpire(`${K}sites:${me}`, keyTtl);
    await refresh.exec();
    for (const dead of (await cmd('expired')(K)) as string[]) {
      await announceReaped((await cmd('reap')(K, dead, '0')) as string[]);
    }
  }

  await heartbeat();
  const timer = setInterval(() => void heartbeat().catch(onError), Math.max(50, Math.floor(opts.ttlMs / 3)));
  timer.unref();

  return {
    processId: me,
    get up() {
      return up;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    heartbeat,
    change(input: PresenceChange) {
      const { siteId, actor, delta } = input;
      return serial(`${siteId}|${actor.kind}:${actor.id}`, async () => {
        if (closed) return { status: 'offline' as const, summary: summaries.get(siteId) ?? 'offline' };
        await watch(siteId);
        const choice = input.choice ? await input.choice.status() : '';
        countLocally(siteId, actor, delta);
        let result: { status: StaffAvailability; summary: StaffAvailability };
        try {
          result = await apply(siteId, actor, delta, input.choice?.mode ?? '', choice);
        } catch (err) {
          // Redis is unreachable: counted here, told to Redis on resync (with the choice, if any).
          unsynced.add(`${siteId}|${actor.kind}:${actor.id}`);
          if (actor.kind === 'staff' && input.choice && choice) remember(siteId, actor, choice as StaffAvailability);
          throw err;
        }
        remember(siteId, actor, result.status);
        // Later announcements arrive through the watch; the answer only fills an unknown summary.
        if (!summaries.has(siteId)) summaries.set(siteId, result.summary);
        return result;
      });
    },
    async snapshot(siteId, onlyVisitor) {
      const flat = (await cmd('snapshot')(K, siteId, onlyVisitor ?? '')) as string[];
      const out: PresenceEntry[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3) out.push({ actor: { kind: flat[i] as Kind, id: flat[i + 1] }, status: flat[i + 2] as StaffAvailability });
      return out;
    },
    cachedSummary: (siteId) => summaries.get(siteId),
    async close({ leave = true } = {}) {
      if (closed) return;
      clearInterval(timer);
      // Sockets closed during shutdown queue their changes; let them land before leaving.
      while (chains.size) await Promise.allSettled([...chains.values()]);
      closed = true;
      try {
        if (leave) await announceReaped((await cmd('reap')(K, me, '1')) as string[]);
      } finally {
        for (const w of watching.values()) await w.then((off) => off()).catch(() => {});
        if (leave) await redis.quit();
        else redis.disconnect();
      }
    },
  };
}
