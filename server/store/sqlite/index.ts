import { addServerOwner, listServerOwners, removeServerOwner } from './server-owners.ts';
import type { Store } from '../store.ts';
import { createPasswordToken, deleteStaff, findPasswordToken, revokeStaffSessions, setPasswordHashForEmail, updateStaff } from './team.ts';
import { createAppendQueue } from './append-queue.ts';
import { createLockWait } from './lock-wait.ts';
import { createWriteHealth, track } from '../write-health.ts';
import { createCheckpointer } from './checkpointer.ts';
import { createAttachment, deleteUnsentAttachments, getAttachment, uploadUsage } from './attachments.ts';
import { addBlock, findBlock, listBlocks, recordVisitorAddress, removeBlock, visitorAddress } from './blocks.ts';
import { createApiToken, findApiToken, listApiTokens, revokeApiToken, touchApiToken } from './api-tokens.ts';
import { addNotifications, listNotifications, markNotificationsRead, notificationState, claimNotificationRing, pruneNotifications, getNotificationPreferences, setNotificationPreferences, siteNotificationPreferences } from './notifications.ts';
import { createWebhook, listWebhooks, getWebhook, updateWebhook, deleteWebhook, enqueueDeliveries, claimDeliveries, settleDelivery, listDeliveries, getDelivery, resendDelivery } from './webhooks.ts';
import { createCanned, deleteCanned, listCanned } from './canned.ts';
import { conversationAssignees, findOpenConversation, getConversation, listVisitorConversations, visitorConversationSeqs, visitorSendTarget } from './conversations.ts';
import { createDb } from './db.ts';
import { claimOutbox, enqueueEmails, getOutboxEmail, listOutbox, purgeOutbox, retryOutbox, settleOutbox } from './email-outbox.ts';
import {
  claimDueEmailNotify,
  claimLogFollower,
  emailAddressOptedOut,
  emailOptedOut,
  getEmailNotify,
  markEmailNotify,
  saveLogFollower,
  setEmailOptOut,
  settleEmailNotify,
} from './email-notify.ts';
import { eventsAfterCursor, eventsAfterSeq, latestCursor, latestCursors, routedEventsAfterCursor } from './events.ts';
import { history } from './history.ts';
import { timeline } from './timeline.ts';
import { wakeSnoozed } from './snooze.ts';
import { markWaiting } from './waiting.ts';
import { assignedLoads, assignWaiting, awayAgents, queue, returnAway, returnToQueue } from './assignment.ts';
import { createTeam, deleteTeam, getTeam, listTeams, teamsOfStaff, updateTeam } from './teams.ts';
import { rateConversation } from './rating.ts';
import { setTriage } from './triage.ts';
import { firstReplies, reportRows } from './reports.ts';
import { listInbox } from './inbox.ts';
import { migrate } from './migrations.ts';
import { deleteMessage, moveReadCursor, updateConversation } from './mutations.ts';
import { openDatabase } from './open.ts';
import { searchMessages } from './search.ts';
import { createSite, getSite, getSiteByKey, listSites, updateSite } from './sites.ts';
import { listWidgetSightings, recordWidgetSighting } from './sightings.ts';
import {
  createStaff,
  createStaffSession,
  findStaffByEmail,
  getStaff,
  getStaffSession,
  staffSessionLastSeen,
  touchStaffSession,
  listStaff,
  revokeStaffSession,
  setStaffAvailability,
} from './staff.ts';
import { unreadForStaff, unreadForStaffInConversation, unreadForVisitor } from './unread.ts';
import { createVisitor, findVisitorByExternalId, getVisitor, mergeVisitor, updateVisitor } from './visitors.ts';
import { deleteExpiredConversations, eraseVisitor, findVisitorsByEmail } from './privacy.ts';
import { countPendingErasureRequests, declineErasureRequest, getErasureRequest, latestErasureRequest, listErasureRequests, requestErasure } from './erasure-requests.ts';

export interface SqliteStoreOptions {
  /** Path of the database file (its folder is created), or ':memory:'. */
  file: string;
  /** Clock for createdAt of sites and staff (events use the `at` their caller passes). */
  now?: () => number;
  /** Most appendMessage calls committed in one group transaction (default 500). */
  maxBatch?: number;
  /**
   * How long a write waits for another connection's lock, e.g. the CLI's (default 5000 ms), on timers:
   * the event loop never blocks on it (lock-wait.ts). Past it the write fails with `unavailable`.
   */
  lockWaitMs?: number;
  /** Conversations whose counters appendMessage keeps in memory between group commits (default 20,000). */
  maxCachedConversations?: number;
  /** New messages are indexed for search at most this long after their commit (default 500 ms; 0: at once). */
  searchIndexIntervalMs?: number;
  /** Work the store does on its own schedule (search indexing) failed; it retries. Default: a JSON line on stderr. */
  onBackgroundError?: (err: unknown) => void;
  /** After each group commit: how many appends it held and how long it took (metrics). */
  onGroupCommit?: (appends: number, seconds: number) => void;
  /**
   * WAL checkpoints in a worker thread (default true for a file; see checkpointer.ts). The main
   * connection then checkpoints only past `walMaxPages` pages (default 40,000 = 156 MiB), as a safety net.
   */
  checkpointInWorker?: boolean;
  walMaxPages?: number;
  /**
   * Past this many WAL frames (default three quarters of walMaxPages: 30,000 = 117 MiB) the worker's
   * next round holds the group commit for a few milliseconds so the WAL starts over from its beginning
   * (checkpointer.ts). Bigger: rarer holds, a bigger -wal file under sustained load.
   */
  walRestartFrames?: number;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly file: string;
}

/**
 * The default Store: one SQLite file in WAL mode. Opening is synchronous; call `await store.migrate()`
 * before anything else. The methods are synchronous underneath (better-sqlite3) and async only to
 * share the Store interface; appendMessage is group-committed (see append-queue.ts).
 */
export function createSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  const raw = openDatabase(opts.file, { busyTimeoutMs: 0 });
  const locks = createLockWait({ waitMs: opts.lockWaitMs ?? 5000 });
  const onBackgroundError =
    opts.onBackgroundError ?? ((err: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'sqlite background work failed', err: String(err) })));
  const db = createDb(raw, opts.now ?? Date.now, opts.maxCachedConversations ?? 20_000, opts.searchIndexIntervalMs ?? 500, onBackgroundError);
  const inWorker = (opts.checkpointInWorker ?? true) && opts.file !== ':memory:' && !opts.file.startsWith('file:');
  // Small, frequent checkpoints: each one's fsync stalls the writer's next WAL writes for as long as
  // it takes (ext4), so many short ones beat few long ones. Measured at 1,000 msg/s on this machine's
  // disk: p99 delivery 7-14 ms with every 256 appends / 100 ms, 28-32 ms with 1 s, 3.9-4.8 ms with
  // 32 / 25 ms (2.0-4.0 ms on tmpfs, where there is no such stall). The WAL starts over past
  // walRestartFrames (checkpointer.ts), not inside a COMMIT at the safety net: commits over 1.5 ms at
  // 1,000 msg/s 32-83 -> 3-16 per 20 s run, no 29-97 ms ones when the disk is busy (findings #18).
  const walMaxPages = opts.walMaxPages ?? 40_000;
  const checkpointer = inWorker
    ? createCheckpointer({
        file: opts.file,
        minAppends: 32,
        minIntervalMs: 25,
        restartFrames: opts.walRestartFrames ?? Math.round(walMaxPages * 0.75),
        holdCommits: () => appends.hold(),
      })
    : null;
  if (checkpointer) raw.pragma(`wal_autocheckpoint = ${walMaxPages}`);
  const onCommit = (appends: number) => {
    checkpointer?.committed(appends);
    db.searchIndex.committed();
  };
  const appends = createAppendQueue(db, { maxBatch: opts.maxBatch ?? 500, onCommit, onGroupCommit: opts.onGroupCommit, lockWait: locks });
  const health = createWriteHealth();
  /** Every write waits for another process's lock on timers (lock-wait.ts). */
  const write = <T>(fn: () => T): Promise<T> => locks.run(fn);
  let closed = false;

  return {
    kind: 'sqlite',
    file: opts.file,
    async migrate() {
      await write(() => migrate(raw));
    },
    async close() {
      if (closed) return;
      closed = true;
      await appends.drain();
      db.searchIndex.stop();
      try {
        db.searchIndex.catchUp();
      } catch (err) {
        // Not fatal: the next start's first search catches up. Closing must still happen.
        onBackgroundError(err);
      }
      await checkpointer?.close();
      // Fold the WAL back into the main file so a closed database is one self-contained file.
      raw.pragma('wal_checkpoint(TRUNCATE)');
      raw.close();
    },
    async ping() {
      db.st('SELECT 1').get();
      health.check();
    },

    createSite: (input) => write(() => createSite(db, input)),
    getSite: async (id) => getSite(db, id),
    getSiteByKey: async (key) => getSiteByKey(db, key),
    listSites: async () => listSites(db),
    updateSite: (id, patch) => write(() => updateSite(db, id, patch)),
    recordWidgetSighting: (siteId, origin, at) => write(() => recordWidgetSighting(db, siteId, origin, at)),
    listWidgetSightings: async (siteId, limit) => listWidgetSightings(db, siteId, limit),

    createStaff: (input) => write(() => createStaff(db, input)),
    getStaff: async (id) => getStaff(db, id),
    findStaffByEmail: async (email) => findStaffByEmail(db, email),
    listStaff: async (siteId) => listStaff(db, siteId),
    setStaffAvailability: (id, availability) => write(() => setStaffAvailability(db, id, availability)),
    setPasswordHashForEmail: (email, hash) => write(() => setPasswordHashForEmail(db, email, hash)),
    listServerOwners: async () => listServerOwners(db),
    addServerOwner: (email, at) => write(() => addServerOwner(db, email, at)),
    removeServerOwner: (email) => write(() => removeServerOwner(db, email)),
    updateStaff: (id, patch) => write(() => updateStaff(db, id, patch)),
    deleteStaff: (id) => write(() => deleteStaff(db, id)),
    revokeStaffSessions: (staffId, keep) => write(() => revokeStaffSessions(db, staffId, keep)),
    createPasswordToken: (input) => write(() => createPasswordToken(db, input)),
    findPasswordToken: (tokenHash, now, consume) => (consume ? write(() => findPasswordToken(db, tokenHash, now, true)) : Promise.resolve(findPasswordToken(db, tokenHash, now, false))),
    createStaffSession: (input) => write(() => createStaffSession(db, input)),
    getStaffSession: async (id, now) => getStaffSession(db, id, now),
    touchStaffSession: (id, at) => write(() => touchStaffSession(db, id, at)),
    staffSessionLastSeen: async (id) => staffSessionLastSeen(db, id),
    revokeStaffSession: (id) => write(() => revokeStaffSession(db, id)),

    createVisitor: (input) => write(() => createVisitor(db, input)),
    getVisitor: async (id) => getVisitor(db, id),
    findVisitorByExternalId: async (siteId, externalId) => findVisitorByExternalId(db, siteId, externalId),
    findVisitorsByEmail: async (siteId, email) => findVisitorsByEmail(db, siteId, email),
    eraseVisitor: (input) => write(() => eraseVisitor(db, input)),
    deleteExpiredConversations: (now, limit) => write(() => deleteExpiredConversations(db, now, limit)),
    requestErasure: (input) => write(() => requestErasure(db, input)),
    latestErasureRequest: async (siteId, visitorId) => latestErasureRequest(db, siteId, visitorId),
    getErasureRequest: async (siteId, id) => getErasureRequest(db, siteId, id),
    listErasureRequests: async (siteId, status, limit) => listErasureRequests(db, siteId, status, limit),
    countPendingErasureRequests: async (siteId) => countPendingErasureRequests(db, siteId),
    declineErasureRequest: (input) => write(() => declineErasureRequest(db, input)),
    updateVisitor: (id, patch) => write(() => updateVisitor(db, id, patch)),
    mergeVisitor: (fromId, intoId, at) => write(() => mergeVisitor(db, fromId, intoId, at)),

    getConversation: async (id, view) => getConversation(db, id, view),
    listVisitorConversations: async (visitorId, view) => listVisitorConversations(db, visitorId, view),
    visitorConversationSeqs: async (visitorId) => visitorConversationSeqs(db, visitorId),
    conversationAssignees: async (ids) => conversationAssignees(db, ids),
    findOpenConversation: async (visitorId, view) => findOpenConversation(db, visitorId, view),
    visitorSendTarget: async (visitorId) => visitorSendTarget(db, visitorId),
    listInbox: (query) => write(() => listInbox(db, query)),

    appendMessage: (input) => track(health, appends.append(input)),
    deleteMessage: (input) => write(() => deleteMessage(db, input)),
    moveReadCursor: (input) => write(() => moveReadCursor(db, input)),
    updateConversation: (input) => write(() => updateConversation(db, input)),

    eventsAfterSeq: async (conversationId, afterSeq, limit, forVisitor) => eventsAfterSeq(db, conversationId, afterSeq, limit, forVisitor),
    eventsAfterCursor: async (siteId, afterCursor, limit) => eventsAfterCursor(db, siteId, afterCursor, limit),
    routedEventsAfterCursor: async (siteId, afterCursor, limit) => routedEventsAfterCursor(db, siteId, afterCursor, limit),
    latestCursor: async (siteId) => latestCursor(db, siteId),
    latestCursors: async (siteIds) => latestCursors(db, siteIds),
    history: async (conversationId, page) => history(db, conversationId, page),
    timeline: async (conversationId, range, limit, forVisitor) => timeline(db, conversationId, range, limit, forVisitor),
    wakeSnoozed: (now, limit) => write(() => wakeSnoozed(db, now, limit)),
    markWaiting: (input) => write(() => markWaiting(db, input)),
    assignWaiting: (input) => write(() => assignWaiting(db, input)),
    returnToQueue: (input) => write(() => returnToQueue(db, input)),
    returnAway: (input) => write(() => returnAway(db, input)),
    awayAgents: async (siteId) => awayAgents(db, siteId),
    queue: async (siteId, limit) => queue(db, siteId, limit),
    assignedLoads: async (siteId) => assignedLoads(db, siteId),
    listTeams: async (siteId) => listTeams(db, siteId),
    getTeam: async (id) => getTeam(db, id),
    createTeam: (input) => write(() => createTeam(db, input)),
    updateTeam: (input) => write(() => updateTeam(db, input)),
    deleteTeam: (siteId, id) => write(() => deleteTeam(db, siteId, id)),
    teamsOfStaff: async (siteId) => teamsOfStaff(db, siteId),
    rateConversation: (input) => write(() => rateConversation(db, input)),
    setTriage: (input) => write(() => setTriage(db, input)),
    reportRows: async (range) => reportRows(db, range),
    firstReplies: async (range) => firstReplies(db, range),
    unreadForStaff: async (siteId, staffId) => unreadForStaff(db, siteId, staffId),
    unreadForStaffInConversation: async (conversationId, staffId) => unreadForStaffInConversation(db, conversationId, staffId),
    unreadForVisitor: async (conversationId) => unreadForVisitor(db, conversationId),
    searchMessages: (siteId, query, limit) => write(() => searchMessages(db, siteId, query, limit)),

    createAttachment: (input) => write(() => createAttachment(db, input)),
    getAttachment: async (id) => getAttachment(db, id),
    deleteUnsentAttachments: (before, limit) => write(() => deleteUnsentAttachments(db, before, limit)),
    uploadUsage: async (siteId, visitorId, since) => uploadUsage(db, siteId, visitorId, since),

    addBlock: (input) => write(() => addBlock(db, input)),
    removeBlock: (siteId, id) => write(() => removeBlock(db, siteId, id)),
    listBlocks: async (siteId) => listBlocks(db, siteId),
    findBlock: async (siteId, who) => findBlock(db, siteId, who),
    recordVisitorAddress: (visitorId, ip, at) => write(() => recordVisitorAddress(db, visitorId, ip, at)),
    visitorAddress: async (visitorId) => visitorAddress(db, visitorId),

    listCanned: async (siteId) => listCanned(db, siteId),
    createCanned: (input) => write(() => createCanned(db, input)),
    deleteCanned: (siteId, id) => write(() => deleteCanned(db, siteId, id)),

    enqueueEmails: (emails) => write(() => enqueueEmails(db, emails)),
    claimOutbox: (input) => write(() => claimOutbox(db, input)),
    settleOutbox: (input) => write(() => settleOutbox(db, input)),
    listOutbox: async (query) => listOutbox(db, query),
    getOutboxEmail: async (siteId, id) => getOutboxEmail(db, siteId, id),
    retryOutbox: (input) => write(() => retryOutbox(db, input)),
    purgeOutbox: (before, limit) => write(() => purgeOutbox(db, before, limit)),
    markEmailNotify: (input) => write(() => markEmailNotify(db, input)),
    claimDueEmailNotify: (input) => write(() => claimDueEmailNotify(db, input)),
    settleEmailNotify: (input) => write(() => settleEmailNotify(db, input)),
    getEmailNotify: async (conversationId, audience) => getEmailNotify(db, conversationId, audience),
    setEmailOptOut: (input) => write(() => setEmailOptOut(db, input)),
    emailOptedOut: async (kind, ids) => emailOptedOut(db, kind, ids),
    emailAddressOptedOut: async (siteId, key) => emailAddressOptedOut(db, siteId, key),
    claimLogFollower: (input) => write(() => claimLogFollower(db, input)),
    saveLogFollower: (input) => write(() => saveLogFollower(db, input)),

    createApiToken: (input) => write(() => createApiToken(db, input)),
    listApiTokens: async (siteId) => listApiTokens(db, siteId),
    findApiToken: async (hash) => findApiToken(db, hash),
    revokeApiToken: (siteId, id, at) => write(() => revokeApiToken(db, siteId, id, at)),
    touchApiToken: (id, at) => write(() => touchApiToken(db, id, at)),

    createWebhook: (input) => write(() => createWebhook(db, input)),
    listWebhooks: async (siteId) => listWebhooks(db, siteId),
    getWebhook: async (siteId, id) => getWebhook(db, siteId, id),
    updateWebhook: (siteId, id, patch) => write(() => updateWebhook(db, siteId, id, patch)),
    deleteWebhook: (siteId, id) => write(() => deleteWebhook(db, siteId, id)),
    enqueueDeliveries: (list) => write(() => enqueueDeliveries(db, list)),
    claimDeliveries: (input) => write(() => claimDeliveries(db, input)),
    settleDelivery: (input) => write(() => settleDelivery(db, input)),
    listDeliveries: async (input) => listDeliveries(db, input),
    getDelivery: async (siteId, id) => getDelivery(db, siteId, id),
    resendDelivery: (siteId, id, now) => write(() => resendDelivery(db, siteId, id, now)),

    addNotifications: (list) => write(() => addNotifications(db, list)),
    listNotifications: async (input) => listNotifications(db, input),
    markNotificationsRead: (input) => write(() => markNotificationsRead(db, input)),
    notificationState: async (siteId, staffId) => notificationState(db, siteId, staffId),
    claimNotificationRing: (input) => write(() => claimNotificationRing(db, input)),
    pruneNotifications: (before, limit) => write(() => pruneNotifications(db, before, limit)),
    getNotificationPreferences: async (siteId, staffId) => getNotificationPreferences(db, siteId, staffId),
    setNotificationPreferences: (input) => write(() => setNotificationPreferences(db, input)),
    siteNotificationPreferences: async (siteId) => siteNotificationPreferences(db, siteId),
  };
}
