import { useEffect, useMemo, useState } from 'preact/hooks';
import { browserEnv, createRealtimeClient, withFallback, type KeyValueStorage } from '../../client/index.ts';
import { createApi, ApiError } from '../api.ts';
import { beep, desktopNotify, showUnreadInTab } from '../app/alerts.ts';
import type { Session } from '../app/session.ts';
import { createWorkspace, type Workspace } from '../app/workspace.ts';
import { shouldNotify } from '../state/prefs.ts';
import { createTabLeader } from '../app/tab-leader.ts';
import { notificationTitle } from './NotificationCenter.tsx';
import { shortcutFor } from '../state/shortcuts.ts';
import { CannedDialog } from './CannedDialog.tsx';
import { ReportsDialog } from './ReportsDialog.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { InboxPanel } from './InboxPanel.tsx';
import { TopBar } from './TopBar.tsx';
import { VisitorPanel } from './VisitorPanel.tsx';
import { useStore } from './use-store.ts';
import { t } from '../i18n/index.ts';
import { createRouter } from '../app/route.ts';
import { SettingsView } from './settings/SettingsView.tsx';

/** A hidden tab claims a notification's sound this much later than a visible one, so the tab the agent looks at wins. */
const HIDDEN_TAB_RING_DELAY_MS = 400;

interface Props {
  session: Session;
  storage: KeyValueStorage;
  onLogout: (revoke: boolean) => void;
  /** Another of the person's sites was chosen: its session replaces this one. */
  onSwitch: (s: Session) => void;
}

/** One signed-in agent: the workspace controller plus the browser glue (title, alerts, keys, URL). */
export function WorkspaceView({ session, storage: _storage, onLogout, onSwitch }: Props) {
  const [help, setHelp] = useState(false);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [reportsOpen, setReportsOpen] = useState(false);
  // One of the agent's tabs rings (sound, desktop notification); every tab shows the bell.
  const leader = useMemo(() => createTabLeader(`parley.ring.${session.site.key}.${session.staff.id}`), [session.staff.id]);
  useEffect(() => () => leader.dispose(), [leader]);

  const ws: Workspace = useMemo(() => {
    const api = createApi({
      fetch: (input, init) =>
        window.fetch(input, init).then((res) => {
          if (res.status === 401) queueMicrotask(() => onLogout(false));
          return res;
        }),
      csrf: () => session.csrfToken,
    });
    const client = createRealtimeClient(
      // No token in hello: the upgrade carries the httpOnly session cookie, which is the session.
      // The HTTP fallback (a chunk of its own) when the network refuses or stalls WebSocket.
      withFallback(browserEnv({ url: '/ws', token: '', storageKey: `parley.staff.${session.site.key}.${session.staff.id}` }), () => import('../../client/http-socket.ts')),
    );
    return createWorkspace({
      api,
      client,
      session,
      isVisible: () => document.visibilityState === 'visible',
      now: () => Date.now(),
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
      onAlert(alert) {
        if (!leader.isLeader() || !shouldNotify({ hidden: document.visibilityState === 'hidden', authorIsMe: false, note: false })) return;
        const p = ws.stores.notifications.get().preferences;
        if (p.sound) beep();
        if (p.desktop) desktopNotify(alert.title, alert.body, alert.conversationId, () => ws.select(alert.conversationId));
      },
      // A notification rings in one place of all the agent's tabs and devices: the first to claim it
      // from the server (the tab being looked at asks at once, hidden ones a moment later). The sound
      // plays whether or not that tab is visible (it is about me); the desktop notification only when hidden.
      onNotification(n, p) {
        if (!p.sound && !p.desktop) return;
        const claim = () =>
          ws.api.ringNotification(n.id).then(({ ring }) => {
            if (!ring) return;
            if (p.sound) beep();
            if (p.desktop && document.visibilityState === 'hidden') desktopNotify(notificationTitle(n), n.excerpt ?? '', n.id, () => ws.select(n.conversationId));
          }, () => {});
        if (document.visibilityState === 'hidden') window.setTimeout(claim, HIDDEN_TAB_RING_DELAY_MS);
        else void claim();
      },
    });
  }, [session.staff.id, session.csrfToken]);
  const selected = useStore(ws.stores.selected);
  // The details pane (phones only) belongs to one conversation: another selection goes back to it.
  const [details, setDetails] = useState(false);
  useEffect(() => setDetails(false), [selected]);

  const router = useMemo(() => createRouter(location, history, window), []);
  useEffect(() => router.dispose, [router]);
  const route = useStore(router.route);

  useEffect(() => {
    void ws.start();
    const first = router.route.get();
    if (first.page === 'inbox' && first.conversationId) ws.select(first.conversationId);
    const offUnread = ws.stores.unread.subscribe((u) => showUnreadInTab(u.total));
    showUnreadInTab(ws.stores.unread.get().total);
    // The open conversation is in the URL while the inbox shows (replacing the entry: j/k should not fill the history).
    const offSelected = ws.stores.selected.subscribe((id) => {
      if (router.route.get().page === 'inbox') router.go({ page: 'inbox', conversationId: id }, true);
    });
    // Back from settings to a conversation link: open it.
    const offRoute = router.route.subscribe((r) => {
      if (r.page === 'inbox' && r.conversationId && r.conversationId !== ws.stores.selected.get()) ws.select(r.conversationId);
    });
    // The socket gave up: if the session is gone (logout elsewhere, expired) the 401 of this
    // check sends us back to the login form; otherwise the indicator offers a retry.
    const offState = ws.stores.connection.subscribe((state) => {
      if (state === 'failed') ws.api.me().catch(() => {});
    });
    const onVisible = () => {
      if (document.visibilityState === 'visible') ws.markRead();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      offUnread();
      offSelected();
      offRoute();
      offState();
      document.removeEventListener('visibilitychange', onVisible);
      ws.dispose();
      showUnreadInTab(0);
    };
  }, [ws]);

  // Read through a ref: the handler is registered once, so a key pressed right after the help
  // closes is never judged by a stale "help is open" closure.
  const helpRef = useMemo(() => ({ current: help }), []);
  helpRef.current = help;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const help = helpRef.current;
      // The inbox's keys belong to the inbox: settings pages are forms.
      if (router.route.get().page !== 'inbox') return;
      const action = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null });
      if (!action) return;
      if (action === 'close') {
        if (help) {
          helpRef.current = false;
          setHelp(false);
        }
        else if ((e.target as HTMLElement | null)?.tagName === 'TEXTAREA') (e.target as HTMLElement).blur();
        return;
      }
      if (help && action !== 'help') return;
      e.preventDefault();
      if (action === 'help') {
        helpRef.current = !help;
        setHelp(!help);
      }
      else if (action === 'next' || action === 'previous') ws.navigate(action === 'next' ? 1 : -1); else if (action === 'reply') document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')?.focus();
      else if (action === 'resolve' && ws.stores.selected.get()) void ws.update({ status: 'resolved' }).catch(() => {});
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ws]);

  const logout = () => onLogout(true);

  return (
    <div class="app">
      <a class="skip-link" href="#conversation-main">
        {t('app.skip')}
      </a>
      <TopBar ws={ws} onHelp={() => {
          helpRef.current = true;
          setHelp(true);
        }} onCanned={() => setCannedOpen(true)} onReports={ws.me.role === 'admin' ? () => setReportsOpen(true) : undefined} onSettings={() => router.go({ page: 'settings', section: null })} onLogout={logout} onSwitch={onSwitch} />
      {route.page === 'settings' ? (
        <SettingsView ws={ws} router={router} section={route.section} onSwitch={onSwitch} />
      ) : (
        // On a phone one pane shows at a time (styles.css): the inbox, the conversation, or its details.
        <div class="columns" data-pane={!selected ? 'inbox' : details ? 'details' : 'conversation'} data-testid="columns">
          <InboxPanel ws={ws} />
          <ConversationPane ws={ws} onBack={() => ws.select(null)} onDetails={() => setDetails(true)} />
          <VisitorPanel ws={ws} onBack={() => setDetails(false)} />
        </div>
      )}
      {cannedOpen && <CannedDialog ws={ws} onClose={() => setCannedOpen(false)} />}
      {reportsOpen && <ReportsDialog ws={ws} onClose={() => setReportsOpen(false)} />}
      {help && (
        <HelpOverlay
          onClose={() => {
            helpRef.current = false;
            setHelp(false);
          }}
        />
      )}
    </div>
  );
}

export { ApiError };
