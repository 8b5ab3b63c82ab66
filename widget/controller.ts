import type { Conversation, ServerEvent, VisitorSessionResponse } from '../protocol/index.ts';
import { newPatch, openPatch } from './conversations.ts';
import type { KeyValueStorage, RealtimeClient } from '../client/api.ts';
import { createOutbox } from '../client/outbox.ts';
import type { ContextAttributes, ResolvedBootOptions, UpdateOptions, WidgetController, WidgetEvents } from './api.ts';
import { storagePrefix } from './api.ts';
import { collectContext, cleanAttributes, contextUpdate, watchNavigation } from './context.ts';
import { highestStaffSeq, mergeMessages, unreadCount } from './messages.ts';
import { applyEvent, sessionPatch } from './apply-event.ts';
import { openSession, RestError, type SessionDeps } from './session.ts';
import { createHistory } from './history.ts';
import { createStore, initialState, type Store, type WidgetState } from './state.ts';
import { createLazyFlasher } from './lazy-flasher.ts';
import { createTypingThrottle } from '../client/typing-throttle.ts';
import type { Uploads } from './uploads.ts';
import { createLazyUploads } from './lazy-uploads.ts';
import type { Translate } from './i18n.ts';

/**
 * The widget's brain, free of any UI: opens the REST session, runs the realtime client, keeps the
 * state the components render, and implements the public commands. Everything environmental
 * (window, fetch, storage, the client factory) is injected.
 */
export interface ControllerDeps {
  options: ResolvedBootOptions;
  emit: <E extends keyof WidgetEvents>(event: E, data: WidgetEvents[E]) => void;
  win: Window;
  fetch: typeof fetch;
  storage: KeyValueStorage;
  createClient: (args: { url: string; token: () => string; storageKey: string }) => RealtimeClient;
  t: Translate;
}

export interface Controller extends WidgetController {
  store: Store<WidgetState>;
  options: ResolvedBootOptions;
  send(text: string): boolean;
  retry(clientId: string): void;
  discard(clientId: string): void;
  typing(): void;
  loadOlder(): Promise<void>;
  reconnect(): void;
  markRead(): void;
  /** Stores the visitor's typed email; resolves once the server has it. */
  setEmail(email: string): Promise<void>;
  /** Shows the visitor's conversations (the list part loads them). */
  showList(): void;
  /** Opens one of them. */
  openConversation(c: Conversation): void;
  /** An empty chat whose first message starts a new conversation. */
  newConversation(): void;
  /** Rates the open (resolved) conversation; rejects with the server's error. */
  rate(score: number, comment?: string): Promise<unknown>;
  uploads: Uploads;
}

export function createController(deps: ControllerDeps): Controller {
  const { options, win, emit, t } = deps;
  const prefix = storagePrefix(options.siteKey);
  const store = createStore<WidgetState>(initialState());
  const session: SessionDeps = { fetch: deps.fetch, storage: deps.storage, apiBase: options.apiBase, siteKey: options.siteKey };
  let attributes: ContextAttributes = cleanAttributes(options.attributes || {});
  let userToken = options.userToken;
  let client: RealtimeClient | null = null;
  let disposers: (() => void)[] = [];
  let helloCount = 0;
  let retryTimer: number | undefined;
  let retryDelay = 2000;
  let lastUnread = 0;
  let lastUrl = '';
  let lastAutoRestart = 0;
  let stopped = false;
  const flasher = createLazyFlasher(win);
  const typingSender = createTypingThrottle({
    send: (typing) => {
      const { conversationId, connection } = store.get();
      if (client && conversationId && connection === 'connected') client.request({ type: 'typing', conversationId, typing }).catch(noop);
    },
    now: () => Date.now(),
    setTimeout: (f, ms) => win.setTimeout(f, ms),
    clearTimeout: (h) => win.clearTimeout(h as number),
  });
  let typingExpiry: number | undefined;
  const uploads = createLazyUploads(store, options.apiBase, t);
  const history = createHistory(store, session, () => client);
  const get = () => store.get();
  const visible = () => win.document.visibilityState !== 'hidden';

  // Unread badge, title flashing and the host's unread-count event all derive from the state.
  disposers.push(
    store.subscribe((s) => {
      const n = unreadCount(s.messages, s.visitorReadSeq);
      if (n !== lastUnread) {
        lastUnread = n;
        emit('unread-count', { count: n });
      }
      if (n === 0 || (s.open && visible())) flasher.stop();
    }),
  );

  function adoptSession(res: VisitorSessionResponse): void {
    store.set(sessionPatch(get(), res, !!safeGet(deps.storage, prefix + 'email')));
  }

  let starting: Promise<void> | null = null;
  function start(): Promise<void> {
    return (starting ||= openAndConnect().finally(() => (starting = null)));
  }

  async function openAndConnect(): Promise<void> {
    win.clearTimeout(retryTimer);
    store.set({ phase: 'starting' });
    try {
      const res = await openSession(session, { userToken, context: context() });
      if (stopped) return;
      adoptSession(res);
      retryDelay = 2000;
      // A restart after a rejected or expired token keeps the client and hands it the new token.
      if (client) client.setToken(res.visitorToken);
      else connect();
    } catch (e) {
      if (stopped) return;
      const rejected = e instanceof RestError && (e.status === 401 || e.status === 403);
      store.set({ phase: 'error', error: rejected ? t('rejected') : t('unavailable') });
      // Server unreachable: try again later, with growing pauses; a rejected user token will not improve.
      if (!rejected) {
        retryTimer = win.setTimeout(start, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 60_000);
      }
    }
  }

  function connect(): void {
    if (client) return;
    const api = new URL(options.apiBase);
    const url = (api.protocol === 'https:' ? 'wss://' : 'ws://') + api.host + '/ws?site=' + encodeURIComponent(options.siteKey);
    const c = (client = deps.createClient({ url, token: () => get().token, storageKey: prefix + 'c' }));
    disposers.push(
      c.onState((ch) => {
        store.set({ connection: ch.state });
        // Token refused (expired, revoked): open a fresh session once in a while, not in a loop.
        if (ch.state === 'failed' && Date.now() - lastAutoRestart > 30_000) {
          lastAutoRestart = Date.now();
          void start();
        }
      }),
      c.onHello((hello) => {
        store.set({ availability: hello.availability, limits: hello.limits, site: hello.site });
        const conv = get().conversationId;
        void history.loadLatest(!!conv && hello.resume.reload.includes(conv)).then(markRead);
        if (helloCount++ === 0) emit('ready', { visitorId: get().visitor?.id || '' });
      }),
      c.onReload((targets) => {
        const conv = get().conversationId;
        if (conv && targets.includes(conv)) void history.loadLatest(true);
      }),
      c.onEvent(onEvent),
      c.onOutbox(({ acked }) => {
        if (acked) {
          // The server may have started a new conversation (the old one was closed): follow it.
          if (get().conversationId !== acked.conversationId) {
            store.set({ conversationId: acked.conversationId, current: { status: 'open' }, messages: [], hasMore: false, staffReadSeq: 0, visitorReadSeq: 0 });
          }
          store.set((s) => ({ messages: mergeMessages(s.messages, [acked.message]) }));
        }
        refreshOutbox();
      }),
    );
    refreshOutbox();
    c.start();
  }

  function refreshOutbox(): void {
    // Before the client exists (server unreachable after a reload), show the persisted outbox anyway.
    store.set({ outbox: client ? client.outbox() : createOutbox(deps.storage, prefix + 'c').list() });
  }

  function onEvent(e: ServerEvent): void {
    const change = applyEvent(get(), e);
    if (!change) return;
    store.set(change.patch);
    if (e.kind === 'typing') {
      // The server stops refreshing an indicator it forgot; expire it here too.
      win.clearTimeout(typingExpiry);
      if (e.typing) typingExpiry = win.setTimeout(() => store.set({ typing: null }), get().limits.typingTtlMs);
    }
    const message = change.added;
    if (!message) return;
    emit('message', { message });
    if (message.author.kind === 'staff' && (!get().open || !visible())) {
      flasher.flash(t('newMessage', { n: unreadCount(get().messages, get().visitorReadSeq) || 1 }));
    }
    markRead();
  }

  function markRead(): void {
    const s = get();
    if (!client || !s.open || !visible() || !s.conversationId) return;
    const seq = highestStaffSeq(s.messages);
    if (seq <= s.visitorReadSeq) return;
    store.set({ visitorReadSeq: seq });
    client.request({ type: 'read', conversationId: s.conversationId, seq }).catch(noop);
  }

  function context() {
    return collectContext(win, attributes);
  }

  function sendContext(overrides: UpdateOptions = {}, email?: string): Promise<unknown> {
    const ctx = contextUpdate(context(), overrides, email);
    lastUrl = ctx.url || '';
    const sent = client ? client.request({ type: 'context.update', context: ctx }) : Promise.reject(new Error('not connected'));
    sent.catch(noop);
    return sent;
  }

  function setOpen(open: boolean): void {
    if (get().open === open) return;
    store.set({ open });
    emit(open ? 'open' : 'close', {});
    if (open) {
      flasher.stop();
      markRead();
    } else typingSender.stop();
  }

  const onFocus = () => flasher.stop();
  const onVisible = () => markRead();
  win.addEventListener('focus', onFocus);
  win.document.addEventListener('visibilitychange', onVisible);
  disposers.push(
    () => win.removeEventListener('focus', onFocus),
    () => win.document.removeEventListener('visibilitychange', onVisible),
    watchNavigation(win, () => {
      if (win.location.href !== lastUrl) sendContext();
    }),
  );
  lastUrl = win.location.href;
  refreshOutbox();
  void start();

  return {
    store,
    options,
    uploads,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!get().open),
    identify(token: string) {
      if (typeof token !== 'string' || !token || token === userToken) return;
      userToken = token;
      // After the session in flight (if any): POST both the current visitor token and the user token,
      // so the anonymous conversation carries over to the identified visitor.
      void Promise.resolve(starting).then(() => (get().phase === 'ready' ? undefined : start())).then(() => {
        if (stopped || get().phase !== 'ready' || userToken !== token) return;
        return openSession(session, { userToken, context: context() }).then(
          (res) => {
            if (stopped) return;
            adoptSession(res);
            client?.setToken(res.visitorToken);
          },
          (e) => store.set({ phase: 'error', error: e instanceof RestError && e.status < 500 ? t('rejected') : t('unavailable') }),
        );
      });
    },
    update(o: UpdateOptions) {
      if (o && o.attributes) attributes = { ...attributes, ...cleanAttributes(o.attributes) };
      sendContext(o || {});
    },
    shutdown() {
      stopped = true;
      win.clearTimeout(retryTimer);
      typingSender.stop();
      client?.stop();
      for (const d of disposers) d();
      disposers = [];
      flasher.stop();
      uploads.clear();
      // The front then removes every stored key under this site's prefix (token, outbox, resume).
    },
    send(text: string): boolean {
      const s = get();
      const attachmentIds = uploads.takeReady();
      if (!client || (!text.trim() && !attachmentIds.length)) return false;
      typingSender.stop();
      // A resolved conversation is read-only here: its "Start a new conversation" sets startNew.
      const fresh = s.startNew || !s.conversationId;
      client.send({ conversationId: fresh ? undefined : s.conversationId, newConversation: s.startNew || undefined, text: text.trim(), attachmentIds: attachmentIds.length ? attachmentIds : undefined });
      if (s.startNew) store.set({ startNew: false });
      refreshOutbox();
      return true;
    },
    retry: (id) => (client?.retry(id), refreshOutbox()),
    discard: (id) => (client?.discard(id), refreshOutbox()),
    typing: () => typingSender.keystroke(),
    loadOlder: history.loadOlder,
    reconnect() {
      if (get().phase === 'error' || get().connection === 'failed') void start();
      else client?.reconnectNow();
    },
    markRead,
    showList: () => store.set({ view: 'list' }),
    openConversation(c) {
      store.set(openPatch(c));
      void history.loadLatest(true).then(markRead);
    },
    newConversation: () => store.set(newPatch()),
    rate(score, comment) {
      const id = get().conversationId;
      if (!client || !id) return Promise.reject(new Error(t('offline')));
      return client.request({ type: 'conversation.rate', conversationId: id, score, ...(comment ? { comment } : {}) });
    },
    setEmail(email: string) {
      try {
        deps.storage.setItem(prefix + 'email', '1');
      } catch {
        /* remembered for this page only */
      }
      store.set({ emailGiven: true, emailKnown: true });
      return sendContext({}, email).then(noop);
    },
  };
}

function safeGet(s: KeyValueStorage, k: string): string | null {
  try {
    return s.getItem(k);
  } catch {
    return null;
  }
}

function noop() {}
