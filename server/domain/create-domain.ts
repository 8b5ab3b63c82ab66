import { rateConversation } from './rate-conversation.ts';
import { wakeDueSnoozes } from './snooze-waker.ts';
import { sweepWaiting } from './waiting-sweeper.ts';
import { siteReport } from './reports.ts';
import type { Bus } from '../bus/bus.ts';
import type { Config } from '../config.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Throttle } from '../net/throttle.ts';
import { unrefTimers } from '../timers.ts';
import type { Store } from '../store/store.ts';
import type { DomainContext } from './context.ts';
import { updateConversation } from './conversation-update.ts';
import { deleteMessage } from './delete-message.ts';
import { blockVisitor, listBlocks, unblock } from './blocks.ts';
import { collectExport } from './privacy-export.ts';
import { eraseVisitor } from './privacy-erase.ts';
import { createErasureRequests } from './erasure-requests.ts';
import { sweepRetention } from './retention.ts';
import type { Domain, Timers } from './domain.ts';
import { createPresenceRegistry } from './presence.ts';
import { createPresenceCases } from './presence-cases.ts';
import { createQueries } from './queries.ts';
import { requireAdmin } from './authorize.ts';
import { updateSite } from './site-admin.ts';
import { createTeam } from './team.ts';
import { createTeamCases } from './teams/teams.ts';
import { createMemberships } from './memberships.ts';
import { createWidgetSightings } from './widget-sightings.ts';
import { markRead } from './read-cursor.ts';
import { resume } from './resume.ts';
import { fetchEvents } from './fetch-events.ts';
import type { PublishErrorHandler } from './routing.ts';
import { sendMessage } from './send-message.ts';
import { createStaffNames } from './staff-names.ts';
import { createTypingTracker } from './typing.ts';
import { createOfflineGrace } from './offline-grace.ts';
import { setTyping } from './typing-cases.ts';
import { createUnreadNotifier } from './unread.ts';
import { publishVisitor, updateContext, visitorChanged } from './visitor-updates.ts';
import { createVisitorUpdatePacer } from './visitor-update-pacer.ts';
import { identifyVisitor } from './identify-visitor.ts';
import { createRoutingCases } from './assignment/routing-cases.ts';

export interface DomainDeps {
  store: Store;
  bus: Bus;
  /** The site feeds committed events go to (server/feed/feeds.ts). */
  feeds: Feeds;
  config: Config;
  now?: () => number;
  timers?: Timers;
  /** Bus failures after a commit; defaults to console.error. */
  onPublishError?: PublishErrorHandler;
  /** Deletes a stored attachment file when its message is deleted (attachments/storage.ts remove). */
  removeAttachmentFile?: (storagePath: string) => Promise<void>;
  /** Limits on new conversations (new-conversation-limit.ts); none: not limited. */
  throttle?: Throttle;
  onLimit?: DomainContext['onLimit'];
}

/** Wires the use cases to one store, one bus and this process's in-memory presence and typing. */
export function createDomain(deps: DomainDeps): Domain {
  const timers = deps.timers ?? unrefTimers;
  const onPublishError: PublishErrorHandler =
    deps.onPublishError ?? ((err, topic) => console.error(JSON.stringify({ level: 'error', msg: 'publish failed', topic, err: String(err) })));
  const presence = createPresenceRegistry();
  const base: Omit<DomainContext, 'visitorUpdates'> = {
    store: deps.store,
    bus: deps.bus,
    feeds: deps.feeds,
    config: deps.config,
    now: deps.now ?? Date.now,
    timers,
    presence,
    typing: createTypingTracker(deps.config.limits.typingTtlMs, timers, deps.now ?? Date.now),
    unread: createUnreadNotifier({
      store: deps.store,
      bus: deps.bus,
      feeds: deps.feeds,
      now: deps.now ?? Date.now,
      timers,
      pushIntervalMs: deps.config.unreadPushMs ?? 100,
      onPublishError,
    }),
    staffNames: createStaffNames(deps.store),
    onPublishError,
    removeAttachmentFile: deps.removeAttachmentFile,
    throttle: deps.throttle,
    onLimit: deps.onLimit,
  };
  const visitorUpdates = createVisitorUpdatePacer({ intervalMs: deps.config.visitorUpdateMs, timers, publish: (id) => void publishVisitor(base, id) });
  const ctx: DomainContext = { ...base, visitorUpdates };
  const presenceCases = createPresenceCases(ctx);
  const offlineGrace = createOfflineGrace(presenceCases, deps.config.visitorOfflineGraceMs, timers);
  const queries = createQueries(ctx);
  const routing = createRoutingCases(ctx, presenceCases);
  const sightings = createWidgetSightings(deps.store, ctx.now, deps.config.widgetSightingMs);

  return {
    sendMessage: (p, input, onQueued) => sendMessage(ctx, p, input, onQueued),
    deleteMessage: (p, conversationId, messageId) => deleteMessage(ctx, p, conversationId, messageId),
    markRead: (p, conversationId, seq) => markRead(ctx, p, conversationId, seq),
    updateConversation: (p, conversationId, changes) => updateConversation(ctx, p, conversationId, changes),
    setTyping: (p, conversationId, typing) => setTyping(ctx, p, conversationId, typing),
    rateConversation: (p, conversationId, input) => rateConversation(ctx, p, conversationId, input),
    wakeSnoozed: () => wakeDueSnoozes(ctx),
    sweepRetention: () => sweepRetention(ctx),
    sweepWaiting: () => sweepWaiting(ctx),
    siteReport: (p, q) => siteReport(ctx, p, q),
    setAvailability: presenceCases.setAvailability,
    queryPresence: presenceCases.queryPresence,
    updateContext: (p, context) => updateContext(ctx, p, context),
    visitorChanged: (visitorId) => visitorChanged(ctx, visitorId),
    identifyVisitor: (p, input) => identifyVisitor(ctx, p, input),
    listInbox: queries.listInbox,
    getConversation: queries.getConversation,
    history: queries.history,
    listVisitorConversations: queries.listVisitorConversations,
    getVisitorDetails: queries.getVisitorDetails,
    search: queries.search,
    listStaff: queries.listStaff,
    listCanned: queries.listCanned,
    createCanned: queries.createCanned,
    deleteCanned: queries.deleteCanned,
    blockVisitor: (p, visitorId, opts) => blockVisitor(ctx, p, visitorId, opts),
    unblock: (p, id) => unblock(ctx, p, id),
    listBlocks: (p) => listBlocks(ctx, p),
    exportVisitor: (p, lookup) => collectExport(ctx.store, p, lookup, ctx.now()),
    eraseVisitor: (p, lookup) => eraseVisitor(ctx, p, lookup),
    erasureRequests: createErasureRequests(ctx),
    team: createTeam(ctx),
    teams: createTeamCases(ctx),
    memberships: createMemberships(ctx),
    updateSite: (p, siteId, patch) => updateSite(ctx, p, siteId, patch),
    widgetSeen: sightings.seen,
    async widgetSightings(p) {
      return ctx.store.listWidgetSightings(requireAdmin(p, 'The installation check').siteId, 20);
    },
    connected: presenceCases.connected,
    disconnected: offlineGrace.disconnected,
    resume: (p, point) => resume(ctx, p, point),
    fetchEvents: (p, range) => fetchEvents(ctx, p, range),
    availabilityFor: presenceCases.availabilityFor,
    visitorOutlook: routing.visitorOutlook,
    queue: routing.queue,
    sweepRouting: routing.sweep,
    siteSettingsChanged: routing.siteSettingsChanged,
    async close() {
      await routing.idle();
      await routing.close();
      offlineGrace.flush();
      ctx.visitorUpdates.close();
      ctx.typing.clear();
      await ctx.unread.idle();
      ctx.unread.close();
    },
  };
}
