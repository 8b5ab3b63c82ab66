import type { Team, UpdateConversationRequest } from '../../protocol/index.ts';
import type { ConnectionState, OutboxItem, RealtimeClient } from '../../client/api.ts';
import {
  DEFAULT_LIMITS,
  isDurable,
  type Limits,
  type ServerEvent,
  type StaffAvailability,
  type StaffMember,
  type ConversationStatus,
} from '../../protocol/index.ts';
import type { DashboardApi, QueueState } from '../api.ts';
import type { CannedItem } from '../state/canned.ts';
import { applyPresenceEvent, emptyPresence, presenceFromSnapshot, type PresenceState } from '../state/presence.ts';
import { createStore } from '../state/store.ts';
import { applyUnreadEvent, emptyUnread, type UnreadState } from '../state/unread.ts';
import { createConversationController } from './conversation-controller.ts';
import { createInboxController } from './inbox-controller.ts';
import { createSearchController } from './search-controller.ts';
import { createNotificationController } from './notification-controller.ts';
import type { Notification, NotificationPreferences } from '../../protocol/index.ts';
import { neighbour } from '../state/inbox.ts';
import type { Session } from './session.ts';
import { t } from '../i18n/index.ts';

/** Something worth a desktop notification and a beep (the app decides whether the tab is hidden). */
export interface Alert {
  conversationId: string;
  title: string;
  body: string;
}

export interface WorkspaceDeps {
  api: DashboardApi;
  client: RealtimeClient;
  session: Session;
  isVisible: () => boolean;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (h: unknown) => void;
  onAlert: (alert: Alert) => void;
  /** A notification of this agent arrived live (protocol: notification), with their preferences. */
  onNotification?: (n: Notification, preferences: NotificationPreferences) => void;
}

/**
 * Everything a signed-in agent sees, wired to one realtime client: the inbox, the open
 * conversation, unread counts (only ever from the server), presence, the team, canned responses
 * and the outbox. UI components read the stores and call the actions; nothing here touches DOM.
 */
export function createWorkspace(d: WorkspaceDeps) {
  const me = d.session.staff;
  const connection = createStore<ConnectionState>(d.client.state);
  const unread = createStore<UnreadState>(emptyUnread);
  const presence = createStore<PresenceState>(emptyPresence);
  const availability = createStore<StaffAvailability>(me.availability === 'offline' ? 'online' : me.availability);
  const staff = createStore<StaffMember[]>([me]);
  const canned = createStore<CannedItem[]>([]);
  const outbox = createStore<OutboxItem[]>(d.client.outbox());
  const selected = createStore<string | null>(null);
  /** The site's public face; an admin's change arrives live (site.updated). */
  const site = createStore(d.session.site);
  /** The assignment queue: how many wait and the first ones, oldest first (empty with assignment off). */
  const queue = createStore<QueueState>({ waiting: 0, conversationIds: [] });
  /** The site's teams (badges, the team filter, moving a conversation); `teams.changed` keeps them live. */
  const teams = createStore<Team[]>([]);
  /**
   * Visitors' erasure requests: `erasure.requests` says how many wait; `version` moves on each one and on
   * every hello (one may have been missed meanwhile), so Settings → Privacy reads its list again.
   */
  const erasureRequests = createStore<{ pending: number | null; version: number }>({ pending: null, version: 0 });
  let limits: Limits = DEFAULT_LIMITS;

  const inbox = createInboxController({ api: d.api, myId: me.id, unread, presence });
  const search = createSearchController(d.api);
  const notifications = createNotificationController({ api: d.api, now: d.now, onNew: (n, p) => d.onNotification?.(n, p) });
  const conversation = createConversationController({
    api: d.api,
    client: d.client,
    isVisible: d.isVisible,
    typingTtlMs: () => limits.typingTtlMs,
    setTimeout: d.setTimeout,
    clearTimeout: d.clearTimeout,
  });

  const staffName = (id: string): string => staff.get().find((s) => s.id === id)?.name || t('common.colleague');

  /** Who wrote: the name stamped on the message (visitor name or label), else the row's. */
  const visitorName = (conversationId: string, authorName?: string): string => {
    const row = inbox.store.get().byId[conversationId]?.visitor;
    return authorName || row?.name || row?.email || row?.label || t('common.aVisitor');
  };

  function onEvent(e: ServerEvent): void {
    if (isDurable(e)) {
      inbox.applyEvent(e);
      conversation.applyEvent(e);
      // Replayed history (resume after a reconnect) is not news: only alert on fresh messages. A reply
      // in a conversation assigned to me is a notification of mine (the bell's stream rings for it).
      const mine = inbox.store.get().byId[e.conversationId]?.assigneeId === me.id;
      if (e.kind === 'message.created' && e.message.author.kind === 'visitor' && !mine && d.now() - e.message.createdAt < 60_000) {
        const first = e.seq <= 2;
        d.onAlert({
          conversationId: e.conversationId,
          title: first ? t('alert.newConversation', { name: visitorName(e.conversationId, e.message.authorName) }) : visitorName(e.conversationId, e.message.authorName),
          body: e.message.text || (e.message.attachments.length ? t('preview.visitorFile') : ''),
        });
      }
      return;
    }
    switch (e.kind) {
      case 'notification':
      case 'notifications.read':
      case 'notifications.preferences':
        notifications.applyEvent(e);
        // Looking at the conversation it is about: it is read already.
        if (e.kind === 'notification' && e.notification.conversationId === selected.get() && d.isVisible()) notifications.conversationOpened(e.notification.conversationId);
        break;
      case 'unread':
        unread.update((s) => applyUnreadEvent(s, e));
        break;
      case 'presence': {
        presence.update((s) => applyPresenceEvent(s, e));
        const { actor, status } = e.entry;
        if (actor.kind === 'visitor') inbox.visitorPresence(actor.id, status !== 'offline');
        else if (actor.id === me.id && status !== 'offline') availability.set(status);
        break;
      }
      case 'typing':
        if (e.actor.kind === 'visitor') conversation.visitorTyping(e.conversationId, e.typing);
        // A colleague, by the name the server put on the event; my own typing (other tabs) is not news.
        else if (e.actor.id !== me.id) conversation.staffTyping(e.conversationId, e.actor.id, e.name || staffName(e.actor.id), e.typing);
        break;
      case 'visitor.updated':
        inbox.visitorUpdated(e.visitor, e.conversationIds);
        conversation.visitorUpdated(e.visitor, e.conversationIds);
        break;
      case 'site.updated':
        site.set({ ...site.get(), ...e.site });
        break;
      case 'queue.changed':
        queue.set({ waiting: e.waiting, conversationIds: e.conversationIds });
        break;
      case 'teams.changed':
        teams.set(e.teams);
        break;
      case 'erasure.requests':
        erasureRequests.update((r) => ({ pending: e.pending, version: r.version + 1 }));
        break;
      case 'availability':
        break;
    }
  }

  async function afterHello(reload: string[], first: boolean): Promise<void> {
    if (!first && reload.includes('site')) {
      inbox.reload();
      void conversation.refresh();
    }
    try {
      const { entries } = await d.client.request({ type: 'presence.query' });
      const next = presenceFromSnapshot(entries, presence.get());
      presence.set(next);
      for (const [id, online] of Object.entries(next.visitors)) inbox.visitorPresence(id, online);
      const mine = next.staff[me.id];
      if (mine && mine !== 'offline') availability.set(mine);
    } catch {
      // Presence is decoration; the next presence event fixes it.
    }
    // The queue as it is now; `queue.changed` keeps it live (missed ones while away: this read).
    d.api.queue().then((q) => queue.set(q), () => {});
    // Teams as they are now (a change missed while away: this read).
    d.api.teams().then((r) => teams.set(r.teams), () => {});
    if (!first) erasureRequests.update((r) => ({ ...r, version: r.version + 1 }));
  }

  let hellos = 0;
  const disposers = [
    d.client.onState((c) => connection.set(c.state)),
    d.client.onEvent(onEvent),
    d.client.onHello((h) => {
      limits = h.limits ?? DEFAULT_LIMITS;
      void notifications.hello(h.notifications).then(() => {
        const open = selected.get();
        if (open && d.isVisible()) notifications.conversationOpened(open);
      });
      void afterHello(h.resume?.reload ?? [], hellos++ === 0);
    }),
    d.client.onReload((targets) => {
      if (targets.includes('site')) inbox.reload();
      if (targets.includes('site') || targets.includes(conversation.store.get()?.id ?? '')) void conversation.refresh();
    }),
    d.client.onOutbox(({ acked }) => {
      outbox.set(d.client.outbox());
      if (acked) conversation.acked(acked.message);
    }),
  ];

  async function start(): Promise<void> {
    d.client.start();
    void inbox.loadMore();
    d.api.staff().then((r) => staff.set(r.staff), () => {});
    d.api.canned().then((r) => canned.set(r.items), () => {});
    void notifications.loadPreferences();
  }

  function select(id: string | null): void {
    selected.set(id);
    void conversation.open(id);
    if (id) notifications.conversationOpened(id);
  }

  /** Opens a conversation at one message (a search hit): older pages load until it is there. */
  function openAt(conversationId: string, seq: number): Promise<void> {
    selected.set(conversationId);
    return conversation.open(conversationId, seq);
  }

  /** The inbox filter; a search query also asks for matching message snippets. */
  function setFilter(patch: Parameters<typeof inbox.setFilter>[0]): void {
    inbox.setFilter(patch);
    if (patch.q !== undefined && patch.q.trim() !== search.store.get().q) void search.search(patch.q);
  }

  async function createCanned(shortcut: string, text: string): Promise<void> {
    const item = await d.api.createCanned(shortcut, text);
    canned.update((items) => [...items.filter((c) => c.id !== item.id), item].sort((a, b) => a.shortcut.localeCompare(b.shortcut)));
  }

  async function deleteCanned(id: string): Promise<void> {
    await d.api.deleteCanned(id);
    canned.update((items) => items.filter((c) => c.id !== id));
  }

  // Where the selected row sits, remembered so j/k keep their place when it leaves the view.
  let lastIndex = -1;
  const trackIndex = () => {
    const id = selected.get();
    const i = id ? inbox.store.get().order.indexOf(id) : -1;
    if (i !== -1) lastIndex = i;
  };
  disposers.push(inbox.store.subscribe(trackIndex), selected.subscribe(trackIndex));

  function navigate(step: 1 | -1): void {
    const id = neighbour(inbox.store.get(), selected.get(), step, lastIndex);
    if (id && id !== selected.get()) select(id);
  }

  function send(input: { text: string; note: boolean; attachmentIds: string[] }): void {
    const id = selected.get();
    if (!id) return;
    d.client.send({ conversationId: id, text: input.text, note: input.note || undefined, attachmentIds: input.attachmentIds.length ? input.attachmentIds : undefined });
    outbox.set(d.client.outbox());
  }

  function sendTyping(typing: boolean): void {
    const id = selected.get();
    if (id) d.client.request({ type: 'typing', conversationId: id, typing }).catch(() => {});
  }

  async function update(changes: UpdateConversationRequest): Promise<void> {
    const id = selected.get();
    if (id) await d.api.update(id, changes);
  }

  async function deleteMessage(messageId: string): Promise<void> {
    const id = selected.get();
    if (id) await d.api.deleteMessage(id, messageId);
  }

  async function setAvailability(status: StaffAvailability): Promise<void> {
    const before = availability.get();
    availability.set(status);
    try {
      await d.client.request({ type: 'presence.set', status });
    } catch {
      availability.set(before);
    }
  }

  function retry(clientId: string): void {
    d.client.retry(clientId);
    outbox.set(d.client.outbox());
  }

  function discard(clientId: string): void {
    d.client.discard(clientId);
    outbox.set(d.client.outbox());
  }

  function dispose(): void {
    for (const off of disposers) off();
    conversation.dispose();
    d.client.stop();
  }

  return {
    me,
    site: d.session.site,
    api: d.api,
    stores: {
      connection,
      unread,
      presence,
      availability,
      staff,
      canned,
      outbox,
      selected,
      site,
      queue,
      teams,
      erasureRequests,
      inbox: inbox.store,
      conversation: conversation.store,
      search: search.store,
      notifications: notifications.store,
    },
    limits: () => limits,
    start,
    dispose,
    select,
    openAt,
    navigate,
    loadMoreInbox: inbox.loadMore,
    setFilter,
    createCanned,
    deleteCanned,
    loadOlder: conversation.loadOlder,
    markRead: conversation.markRead,
    readNotifications: notifications.read,
    loadMoreNotifications: notifications.loadMore,
    setNotificationPreferences: notifications.setPreferences,
    reconnect: () => d.client.reconnectNow(),
    send,
    sendTyping,
    update,
    deleteMessage,
    setAvailability,
    retry,
    discard,
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
