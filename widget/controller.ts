import type { ServerEvent, VisitorSessionResponse } from '../protocol/index.ts';
import type { KeyValueStorage, RealtimeClient } from '../client/api.ts';
import { createOutbox } from '../client/outbox.ts';
import type { ContextAttributes, ResolvedBootOptions, UpdateOptions, WidgetController, WidgetEvents } from './api.ts';
import { storagePrefix } from './api.ts';
import { collectContext, cleanAttributes, contextUpdate, watchNavigation } from './context.ts';
import { highestStaffSeq, mergeMessages, unreadCount } from './messages.ts';
import { applyEvent, sessionPatch } from './apply-event.ts';
import { openSession, RestError, type SessionDeps } from './session.ts';
import { sessionProblem } from './session-problem.ts';
import { createBackoff } from '../client/backoff.ts';
import { DEFAULT_CLIENT_OPTIONS } from '../client/options.ts';
import { createHistory } from './history.ts';
import { createStore, initialState, type Store, type WidgetState } from './state.ts';
import { createLazyFlasher } from './lazy-flasher.ts';
import type { TypingThrottle } from '../client/typing-throttle.ts';
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
  /** The visitor's language now (the lazy parts' own strings follow it; the site's default may change it). */
  locale: () => string;
  /** The visitor consented (they opened the chat): the front remembers it. */
  consent: () => void;
}

export interface Controller extends WidgetController {
  store: Store<WidgetState>;
  options: ResolvedBootOptions;
  send(text: string): boolean;
  retry(clientId: string): void;
  discard(clientId: string): void;
  typing(): void;
  reconnect(): void;
  markRead(): void;
  /** The text Parley('showNewMessage') left for the composer, once (then it is gone). */
  takeDraft(): string | undefined;
  dismissPreview(): void;
  /** Stores the visitor's typed email; resolves once the server has it. */
  /** The pre-chat form: an email ('' when it asked for none) and/or the team the visitor chose. */
  setEmail(email: string, teamId?: string): Promise<void>;
  /** Shows the visitor's conversations (the list part loads them). */
  showList(): void;
  /**
   * Opens another conversation or an empty chat (conversation-switch.ts makes the patch, in the list's
   * lazy chunk); the newest page of the one it opens loads next.
   */
  switchConversation(patch: Partial<WidgetState>): void;
  /** Rates the open (resolved) conversation; rejects with the server's error. */
  rate(score: number, comment?: string): Promise<unknown>;
  uploads: Uploads;
}

export function createController(deps: ControllerDeps): Controller {
  const { options, win, emit, t } = deps;
  const prefix = storagePrefix(options.siteKey);
  const store = createStore<WidgetState>({ ...initialState(), launcherHidden: !!options.hideLauncher });
  const session: SessionDeps = { fetch: deps.fetch, storage: deps.storage, apiBase: options.apiBase, siteKey: options.siteKey };
  let attributes: ContextAttributes = cleanAttributes(options.attributes || {});
  let userToken = options.userToken;
  let client: RealtimeClient | null = null;
  let disposers: (() => void)[] = [];
  let helloCount = 0;
  let retryTimer: number | undefined;
  // An unreachable server is retried like the realtime client reconnects (the dashboard's pace): full
  // jitter from 0.5 s up to 30 s, so a restarted server has the widget back within seconds.
  const retry = createBackoff({ baseMs: DEFAULT_CLIENT_OPTIONS.backoffBaseMs, capMs: DEFAULT_CLIENT_OPTIONS.backoffCapMs, random: Math.random });
  /** Page info and attributes from 'update' not yet taken by the server (queued before load, or sent while disconnected). */
  let unsentUpdate: UpdateOptions | null = null;
  let lastUnread = 0;
  let lastUrl = '';
  let lastAutoRestart = 0;
  let stopped = false;
  /** The visitor consented (front.ts); a site that asks for it refused the session without (consent_required). */
  let consented = !!options.consented;
  let awaitingConsent = false;
  const flasher = createLazyFlasher(win);
  // The typing signal is a lazy chunk: it is only sent into a conversation, so the first keystroke of
  // a new visitor (before any) fetches it while nothing is lost. A keystroke whose chunk arrives after
  // a stop (the message was sent meanwhile) is dropped, so no stale "typing" follows the message.
  let typingSender: TypingThrottle | undefined;
  let typingStops = 0;
  const stopTyping = () => (typingStops++, typingSender?.stop());
  const keystroke = (stops = typingStops) =>
    import('./ui/chat-parts.ts').then((m) => {
      (typingSender ??= m.createTypingThrottle({
        send: (typing) => {
          const { conversationId, connection } = store.get();
          if (client && conversationId && connection === 'connected') client.request({ type: 'typing', conversationId, typing }).catch(noop);
        },
        now: () => Date.now(),
        setTimeout: (f, ms) => win.setTimeout(f, ms),
        clearTimeout: (h) => win.clearTimeout(h as number),
      }));
      if (stops === typingStops) typingSender.keystroke();
    }, noop);
  let typingExpiry: number | undefined;
  const uploads = createLazyUploads(store, options.apiBase, t, deps.locale);
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
      const res = await openSession(session, { userToken, context: context(), consent: consented });
      if (stopped) return;
      adoptSession(res);
      retry.reset();
      // A restart after a rejected or expired token keeps the client and hands it the new token.
      if (client) client.setToken(res.visitorToken);
      else connect();
    } catch (e) {
      if (stopped) return;
      failed(e);
    }
  }

  /** The session could not be opened: say why; retry while the server is unreachable, tell the owner otherwise. */
  function failed(e: unknown): void {
    // The site asks for consent first: nothing was created or stored; opening the chat is the consent.
    awaitingConsent = e instanceof RestError && e.code === 'consent_required';
    const problem = awaitingConsent ? 'embed' : sessionProblem(e);
    store.set({ phase: 'error', problem });
    if (problem === 'unreachable') retryTimer = win.setTimeout(start, retry.next());
    else if (e instanceof RestError) {
      const hint = { siteKey: options.siteKey, origin: win.location.origin, apiBase: options.apiBase };
      import('./owner-hint.ts').then((m) => console.error(m.ownerHint(e, hint)), () => console.error('Parley: ' + e.code + ': ' + e.message));
    }
  }

  /** Try the server again now (the visitor clicked Reconnect, opened the panel, or the network is back). */
  function retryNow(): void {
    const s = get();
    if (s.phase === 'error' && s.problem === 'unreachable') void start();
  }

  function connect(): void {
    if (client) return;
    const api = new URL(options.apiBase);
    const url = (api.protocol === 'https:' ? 'wss://' : 'ws://') + api.host + '/ws?site=' + encodeURIComponent(options.siteKey);
    const c = (client = deps.createClient({ url, token: () => get().token, storageKey: prefix + 'c' }));
    disposers.push(
      c.onState((ch) => {
        const st = ch.state;
        store.set((s) => ({ connection: st, troubled: st === 'connected' ? false : st === 'waiting' || st === 'failed' || s.troubled }));
        // Token refused (expired, revoked): open a fresh session once in a while, not in a loop.
        if (ch.state === 'failed' && Date.now() - lastAutoRestart > 30_000) {
          lastAutoRestart = Date.now();
          void start();
        }
      }),
      c.onHello((hello) => {
        store.set({
          availability: hello.availability,
          hours: hello.hours,
          replyMinutes: hello.replyMinutes,
          capacity: hello.capacity,
          queue: Object.fromEntries((hello.queue || []).map((q) => [q.conversationId, q.position])),
          limits: hello.limits,
          site: hello.site,
        });
        flushUpdate();
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
    // Closed panel: the launcher shows who wrote what (Intercom and Crisp do), until opened or dismissed.
    if (message.author.kind === 'staff' && !get().open) store.set({ preview: { name: message.authorName, text: message.text } });
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

  /** Sends what 'update' asked for over the live connection (called on hello); kept until the server took it. */
  function flushUpdate(): void {
    const u = unsentUpdate;
    if (!u || !client) return;
    sendContext(u).then(() => {
      if (unsentUpdate === u) unsentUpdate = null;
    }, noop);
  }

  function sendContext(overrides: UpdateOptions = {}, email?: string, teamId?: string): Promise<unknown> {
    const ctx = contextUpdate(context(), overrides, email, teamId);
    lastUrl = ctx.url || '';
    const sent = client ? client.request({ type: 'context.update', context: ctx }) : Promise.reject(new Error('not connected'));
    sent.catch(noop);
    return sent;
  }

  function giveConsent(): void {
    if (consented) return;
    consented = true;
    deps.consent();
    if (awaitingConsent) void start();
  }

  function setOpen(open: boolean): void {
    if (get().open === open) return;
    store.set({ open });
    emit(open ? 'open' : 'close', {});
    if (open) {
      giveConsent();
      store.set({ preview: undefined });
      flasher.stop();
      markRead();
      retryNow();
    } else stopTyping();
  }

  const onFocus = () => flasher.stop();
  const onVisible = () => (markRead(), visible() && retryNow());
  const onNetwork = () => {
    const offline = win.navigator.onLine === false;
    store.set({ browserOffline: offline });
    if (!offline) retryNow();
  };
  win.addEventListener('focus', onFocus);
  win.addEventListener('online', onNetwork);
  win.addEventListener('offline', onNetwork);
  win.document.addEventListener('visibilitychange', onVisible);
  store.set({ browserOffline: win.navigator.onLine === false });
  disposers.push(
    () => win.removeEventListener('focus', onFocus),
    () => win.removeEventListener('online', onNetwork),
    () => win.removeEventListener('offline', onNetwork),
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
          failed,
        );
      });
    },
    update(o: UpdateOptions) {
      if (!o) return;
      if (o.attributes) attributes = { ...attributes, ...cleanAttributes(o.attributes) };
      // Before the connection is up (a call queued before the widget loaded) it waits for the next hello.
      unsentUpdate = { ...unsentUpdate, ...o, attributes: { ...unsentUpdate?.attributes, ...o.attributes } };
      if (get().connection === 'connected') flushUpdate();
    },
    shutdown() {
      stopped = true;
      win.clearTimeout(retryTimer);
      stopTyping();
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
      stopTyping();
      // The pre-chat confirmation has done its job once the visitor writes.
      if (s.emailSaved) store.set({ emailSaved: undefined });
      // A resolved conversation is read-only here: its "Start a new conversation" sets startNew.
      const fresh = s.startNew || !s.conversationId;
      client.send({ conversationId: fresh ? undefined : s.conversationId, newConversation: s.startNew || undefined, text: text.trim(), attachmentIds: attachmentIds.length ? attachmentIds : undefined });
      if (s.startNew) store.set({ startNew: false });
      refreshOutbox();
      return true;
    },
    retry: (id) => (client?.retry(id), refreshOutbox()),
    discard: (id) => (client?.discard(id), refreshOutbox()),
    typing: () => void keystroke(),
    reconnect() {
      if (get().phase === 'error' || get().connection === 'failed') void start();
      else client?.reconnectNow();
    },
    markRead,
    showNewMessage(text?: string) {
      store.set({ draft: typeof text === 'string' ? text : '' });
      setOpen(true);
    },
    showLauncher: () => store.set({ launcherHidden: false }),
    hideLauncher: () => store.set({ launcherHidden: true }),
    getVisitorId: () => get().visitor?.id,
    consent: giveConsent,
    takeDraft() {
      const d = get().draft;
      if (d !== undefined) store.set({ draft: undefined });
      return d;
    },
    dismissPreview: () => store.set({ preview: undefined }),
    showList: () => store.set({ view: 'list' }),
    switchConversation(patch) {
      store.set(patch);
      void history.loadLatest(true).then(markRead);
    },
    rate(score, comment) {
      const id = get().conversationId;
      if (!client || !id) return Promise.reject(new Error(t('offline')));
      return client.request({ type: 'conversation.rate', conversationId: id, score, ...(comment ? { comment } : {}) });
    },
    setEmail(email: string, teamId?: string) {
      if (teamId) store.set({ teamChosen: true });
      if (email) {
        try {
          deps.storage.setItem(prefix + 'email', '1');
        } catch {
          /* remembered for this page only */
        }
        store.set({ emailGiven: true, emailKnown: true, emailSaved: email });
      }
      return sendContext({}, email, teamId).then(noop);
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
