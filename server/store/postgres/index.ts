import { addServerOwner, listServerOwners, removeServerOwner } from './server-owners.ts';
import type { Store } from '../store.ts';
import { createPasswordToken, deleteStaff, findPasswordToken, revokeStaffSessions, setPasswordHashForEmail, updateStaff } from './team.ts';
import { listWidgetSightings, recordWidgetSighting } from './sightings.ts';
import { createPgAppendQueue } from './append-queue.ts';
import { readBatcher } from './read-batch.ts';
import { createApiToken, findApiToken, listApiTokens, revokeApiToken, touchApiToken } from './api-tokens.ts';
import { addNotifications, listNotifications, markNotificationsRead, notificationState, claimNotificationRing, pruneNotifications, getNotificationPreferences, setNotificationPreferences, siteNotificationPreferences } from './notifications.ts';
import { createWebhook, listWebhooks, getWebhook, updateWebhook, deleteWebhook, enqueueDeliveries, claimDeliveries, settleDelivery, listDeliveries, getDelivery, resendDelivery } from './webhooks.ts';
import { createAttachment, createCanned, deleteCanned, deleteUnsentAttachments, getAttachment, listCanned, uploadUsage } from './attachments.ts';
import { conversationAssignees, findOpenConversation, getConversation, listVisitorConversations, visitorConversationSeqs, visitorSendTargets } from './conversations.ts';
import { createPool, q, type Pg } from './db.ts';
import { addBlock, findBlocks, listBlocks, recordVisitorAddress, removeBlock, visitorAddress } from './blocks.ts';
import { createWriteHealth, track } from '../write-health.ts';
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
import {
  createSite,
  createStaff,
  createStaffSession,
  findStaffByEmail,
  getSite,
  getSiteByKey,
  getStaff,
  getStaffSession,
  staffSessionLastSeen,
  touchStaffSession,
  listSites,
  listStaff,
  revokeStaffSession,
  setStaffAvailability,
  updateSite,
} from './directory.ts';
import { eventsAfterCursor, eventsAfterSeq, latestCursor, latestCursors, routedEventsAfterCursor } from './events.ts';
import { migrate } from './migrations.ts';
import { deleteMessage, moveReadCursor, updateConversation } from './mutations.ts';
import { history, listInbox, searchMessages, unreadForStaff, unreadForStaffInConversation, unreadForVisitor } from './reads.ts';
import { timeline } from './timeline.ts';
import { wakeSnoozed } from './snooze.ts';
import { markWaiting } from './waiting.ts';
import { assignedLoads, assignWaiting, awayAgents, queue, returnAway, returnToQueue } from './assignment.ts';
import { createTeam, deleteTeam, getTeam, listTeams, teamsOfStaff, updateTeam } from './teams.ts';
import { rateConversation } from './rating.ts';
import { setTriage } from './triage.ts';
import { firstReplies, reportRows } from './reports.ts';
import { createVisitor, findVisitorByExternalId, getVisitor, mergeVisitor, updateVisitor } from './visitors.ts';
import { deleteExpiredConversations, eraseVisitor, findVisitorsByEmail } from './privacy.ts';
import { countPendingErasureRequests, declineErasureRequest, getErasureRequest, latestErasureRequest, listErasureRequests, requestErasure } from './erasure-requests.ts';

export interface PostgresStoreOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/parley */
  connectionString: string;
  /** Schema holding Parley's tables (created by migrate). Default 'parley'. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** lock_timeout (default 5000 ms): a write waiting longer for another transaction's lock fails `unavailable`. */
  lockWaitMs?: number;
  /** statement_timeout (default 10,000 ms): a statement running longer is cancelled, `unavailable`. */
  statementTimeoutMs?: number;
  /** An idle pooled connection failed (restart, failover); the pool replaces it. Default: a JSON line on stderr. */
  onConnectionError?: (err: unknown) => void;
  /** Most appendMessage calls committed in one group transaction (default 200). */
  maxBatch?: number;
  /** After each group commit: how many appends it held and how long it took (metrics). */
  onGroupCommit?: (appends: number, seconds: number) => void;
  now?: () => number;
  /** migrate() only: drop the schema on close (tests). */
  dropSchemaOnClose?: boolean;
}

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly schema: string;
}

/**
 * Store on PostgreSQL, for several server processes sharing one database. Same contract and shared
 * suite as the SQLite store. Site-wide cursors come from a per-site counter row locked until COMMIT
 * (see migrations.ts) so cursor order is commit order. Call `await store.migrate()` first.
 */
export function createPostgresStore(opts: PostgresStoreOptions): PostgresStore {
  const schema = opts.schema ?? 'parley';
  const onConnectionError =
    opts.onConnectionError ?? ((err: unknown) => console.error(JSON.stringify({ level: 'warn', msg: 'postgres connection lost; the pool replaces it', err: String(err) })));
  const pool = createPool(opts.connectionString, schema, {
    max: opts.maxConnections ?? 10,
    lockWaitMs: opts.lockWaitMs ?? 5_000,
    statementTimeoutMs: opts.statementTimeoutMs ?? 10_000,
    applicationName: `parley ${schema}`,
    onIdleError: onConnectionError,
  });
  const db: Pg = { pool, now: opts.now ?? Date.now };
  const appends = createPgAppendQueue(db, { maxBatch: opts.maxBatch ?? 200, onGroupCommit: opts.onGroupCommit });
  const health = createWriteHealth();
  // Read before every visitor message: one query per event-loop turn, not per message (read-batch.ts).
  const sendTarget = readBatcher((ids: string[]) => visitorSendTargets(db, ids));
  const block = readBatcher((asks: { siteId: string; visitorId?: string; ip?: string }[]) => findBlocks(db, asks));
  let closed = false;
  return {
    kind: 'postgres',
    schema,
    async migrate() {
      await migrate(pool, schema);
    },
    async close() {
      if (closed) return;
      closed = true;
      await appends.drain();
      if (opts.dropSchemaOnClose) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
    async ping() {
      await q(pool, 'SELECT 1');
      health.check();
    },

    createSite: (input) => createSite(db, input),
    getSite: (id) => getSite(db, id),
    getSiteByKey: (key) => getSiteByKey(db, key),
    listSites: () => listSites(db),
    updateSite: (id, patch) => updateSite(db, id, patch),
    recordWidgetSighting: (siteId, origin, at) => recordWidgetSighting(db, siteId, origin, at),
    listWidgetSightings: (siteId, limit) => listWidgetSightings(db, siteId, limit),

    createStaff: (input) => createStaff(db, input),
    getStaff: (id) => getStaff(db, id),
    findStaffByEmail: (email) => findStaffByEmail(db, email),
    listStaff: (siteId) => listStaff(db, siteId),
    setStaffAvailability: (id, availability) => setStaffAvailability(db, id, availability),
    setPasswordHashForEmail: (email, hash) => setPasswordHashForEmail(db, email, hash),
    listServerOwners: () => listServerOwners(db),
    addServerOwner: (email, at) => addServerOwner(db, email, at),
    removeServerOwner: (email) => removeServerOwner(db, email),
    updateStaff: (id, patch) => updateStaff(db, id, patch),
    deleteStaff: (id) => deleteStaff(db, id),
    revokeStaffSessions: (staffId, keep) => revokeStaffSessions(db, staffId, keep),
    createPasswordToken: (input) => createPasswordToken(db, input),
    findPasswordToken: (tokenHash, now, consume) => findPasswordToken(db, tokenHash, now, consume),
    createStaffSession: (input) => createStaffSession(db, input),
    getStaffSession: (id, now) => getStaffSession(db, id, now),
    touchStaffSession: (id, at) => touchStaffSession(db, id, at),
    staffSessionLastSeen: (id) => staffSessionLastSeen(db, id),
    revokeStaffSession: (id) => revokeStaffSession(db, id),

    createVisitor: (input) => createVisitor(db, input),
    getVisitor: (id) => getVisitor(db, id),
    findVisitorByExternalId: (siteId, externalId) => findVisitorByExternalId(db, siteId, externalId),
    findVisitorsByEmail: (siteId, email) => findVisitorsByEmail(db, siteId, email),
    eraseVisitor: (input) => eraseVisitor(db, input),
    deleteExpiredConversations: (now, limit) => deleteExpiredConversations(db, now, limit),
    requestErasure: (input) => requestErasure(db, input),
    latestErasureRequest: (siteId, visitorId) => latestErasureRequest(db, siteId, visitorId),
    getErasureRequest: (siteId, id) => getErasureRequest(db, siteId, id),
    listErasureRequests: (siteId, status, limit) => listErasureRequests(db, siteId, status, limit),
    countPendingErasureRequests: (siteId) => countPendingErasureRequests(db, siteId),
    declineErasureRequest: (input) => declineErasureRequest(db, input),
    updateVisitor: (id, patch) => updateVisitor(db, id, patch),
    mergeVisitor: (fromId, intoId, at) => mergeVisitor(db, fromId, intoId, at),

    getConversation: (id, view) => getConversation(db, id, view),
    listVisitorConversations: (visitorId, view) => listVisitorConversations(db, visitorId, view),
    visitorConversationSeqs: (visitorId) => visitorConversationSeqs(db, visitorId),
    conversationAssignees: (ids) => conversationAssignees(db, ids),
    findOpenConversation: (visitorId, view) => findOpenConversation(db, visitorId, view),
    visitorSendTarget: sendTarget,
    listInbox: (query) => listInbox(db, query),

    appendMessage: (input) => track(health, appends.append(input)),
    deleteMessage: (input) => deleteMessage(db, input),
    moveReadCursor: (input) => moveReadCursor(db, input),
    updateConversation: (input) => updateConversation(db, input),

    eventsAfterSeq: (conversationId, afterSeq, limit, forVisitor) => eventsAfterSeq(db, conversationId, afterSeq, limit, forVisitor),
    eventsAfterCursor: (siteId, afterCursor, limit) => eventsAfterCursor(db, siteId, afterCursor, limit),
    routedEventsAfterCursor: (siteId, afterCursor, limit) => routedEventsAfterCursor(db, siteId, afterCursor, limit),
    latestCursor: (siteId) => latestCursor(db, siteId),
    latestCursors: (siteIds) => latestCursors(db, siteIds),
    history: (conversationId, page) => history(db, conversationId, page),
    timeline: (conversationId, range, limit, forVisitor) => timeline(db, conversationId, range, limit, forVisitor),
    wakeSnoozed: (now, limit) => wakeSnoozed(db, now, limit),
    markWaiting: (input) => markWaiting(db, input),
    assignWaiting: (input) => assignWaiting(db, input),
    returnToQueue: (input) => returnToQueue(db, input),
    returnAway: (input) => returnAway(db, input),
    awayAgents: (siteId) => awayAgents(db, siteId),
    queue: (siteId, limit) => queue(db, siteId, limit),
    assignedLoads: (siteId) => assignedLoads(db, siteId),
    listTeams: (siteId) => listTeams(db, siteId),
    getTeam: (id) => getTeam(db, id),
    createTeam: (input) => createTeam(db, input),
    updateTeam: (input) => updateTeam(db, input),
    deleteTeam: (siteId, id) => deleteTeam(db, siteId, id),
    teamsOfStaff: (siteId) => teamsOfStaff(db, siteId),
    rateConversation: (input) => rateConversation(db, input),
    setTriage: (input) => setTriage(db, input),
    reportRows: (range) => reportRows(db, range),
    firstReplies: (range) => firstReplies(db, range),
    unreadForStaff: (siteId, staffId) => unreadForStaff(db, siteId, staffId),
    unreadForStaffInConversation: (conversationId, staffId) => unreadForStaffInConversation(db, conversationId, staffId),
    unreadForVisitor: (conversationId) => unreadForVisitor(db, conversationId),
    searchMessages: (siteId, query, limit) => searchMessages(db, siteId, query, limit),

    createAttachment: (input) => createAttachment(db, input),
    getAttachment: (id) => getAttachment(db, id),
    deleteUnsentAttachments: (before, limit) => deleteUnsentAttachments(db, before, limit),
    uploadUsage: (siteId, visitorId, since) => uploadUsage(db, siteId, visitorId, since),
    addBlock: (input) => addBlock(db, input),
    removeBlock: (siteId, id) => removeBlock(db, siteId, id),
    listBlocks: (siteId) => listBlocks(db, siteId),
    findBlock: (siteId, who) => block({ siteId, ...who }),
    recordVisitorAddress: (visitorId, ip, at) => recordVisitorAddress(db, visitorId, ip, at),
    visitorAddress: (visitorId) => visitorAddress(db, visitorId),

    listCanned: (siteId) => listCanned(db, siteId),
    createCanned: (input) => createCanned(db, input),
    deleteCanned: (siteId, id) => deleteCanned(db, siteId, id),

    enqueueEmails: (emails) => enqueueEmails(db, emails),
    claimOutbox: (input) => claimOutbox(db, input),
    settleOutbox: (input) => settleOutbox(db, input),
    listOutbox: (query) => listOutbox(db, query),
    getOutboxEmail: (siteId, id) => getOutboxEmail(db, siteId, id),
    retryOutbox: (input) => retryOutbox(db, input),
    purgeOutbox: (before, limit) => purgeOutbox(db, before, limit),
    markEmailNotify: (input) => markEmailNotify(db, input),
    claimDueEmailNotify: (input) => claimDueEmailNotify(db, input),
    settleEmailNotify: (input) => settleEmailNotify(db, input),
    getEmailNotify: (conversationId, audience) => getEmailNotify(db, conversationId, audience),
    setEmailOptOut: (input) => setEmailOptOut(db, input),
    emailOptedOut: (kind, ids) => emailOptedOut(db, kind, ids),
    emailAddressOptedOut: (siteId, key) => emailAddressOptedOut(db, siteId, key),
    claimLogFollower: (input) => claimLogFollower(db, input),
    saveLogFollower: (input) => saveLogFollower(db, input),

    createApiToken: (input) => createApiToken(db, input),
    listApiTokens: (siteId) => listApiTokens(db, siteId),
    findApiToken: (hash) => findApiToken(db, hash),
    revokeApiToken: (siteId, id, at) => revokeApiToken(db, siteId, id, at),
    touchApiToken: (id, at) => touchApiToken(db, id, at),

    createWebhook: (input) => createWebhook(db, input),
    listWebhooks: (siteId) => listWebhooks(db, siteId),
    getWebhook: (siteId, id) => getWebhook(db, siteId, id),
    updateWebhook: (siteId, id, patch) => updateWebhook(db, siteId, id, patch),
    deleteWebhook: (siteId, id) => deleteWebhook(db, siteId, id),
    enqueueDeliveries: (list) => enqueueDeliveries(db, list),
    claimDeliveries: (input) => claimDeliveries(db, input),
    settleDelivery: (input) => settleDelivery(db, input),
    listDeliveries: (input) => listDeliveries(db, input),
    getDelivery: (siteId, id) => getDelivery(db, siteId, id),
    resendDelivery: (siteId, id, now) => resendDelivery(db, siteId, id, now),

    addNotifications: (list) => addNotifications(db, list),
    listNotifications: (input) => listNotifications(db, input),
    markNotificationsRead: (input) => markNotificationsRead(db, input),
    notificationState: (siteId, staffId) => notificationState(db, siteId, staffId),
    claimNotificationRing: (input) => claimNotificationRing(db, input),
    pruneNotifications: (before, limit) => pruneNotifications(db, before, limit),
    getNotificationPreferences: (siteId, staffId) => getNotificationPreferences(db, siteId, staffId),
    setNotificationPreferences: (input) => setNotificationPreferences(db, input),
    siteNotificationPreferences: (siteId) => siteNotificationPreferences(db, siteId),
  };
}
