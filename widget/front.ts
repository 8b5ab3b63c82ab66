import type {
  BootOptions,
  MountFn,
  ResolvedBootOptions,
  WidgetController,
  WidgetEventName,
  WidgetEvents,
  WidgetListener,
} from './api.ts';
import { consentKey, storagePrefix } from './api.ts';
import { resolveOptions } from './boot-options.ts';
import { createShell, type Shell } from './shell.ts';
import { addSheet } from './style-sheet.ts';

/**
 * The command front shared by the script-tag loader and the ESM build: keeps the event listeners,
 * queues commands until the UI is mounted, and decides when to load the UI (idle, or on demand).
 * Every entry point is wrapped so nothing ever throws into the host page.
 */
export interface FrontDeps {
  win: Window;
  /** Defaults from the script tag's data-* attributes (siteKey, position, ...). */
  defaults: BootOptions;
  /** Loads the UI (ui.js in the loader, a direct import in the ESM build). */
  load: () => Promise<MountFn>;
  /** Schedules the UI load once the browser is idle. */
  whenIdle: (fn: () => void) => void;
  /** Creates the host element and placeholder launcher (injected in tests). */
  createShell?: typeof createShell;
}

export interface Front {
  /** Runs a command; 'getVisitorId' returns the id (undefined until the session is open). */
  call(cmd: string, ...args: unknown[]): unknown;
  /** Commands waiting for the UI (tests). */
  readonly pending: ReadonlyArray<[string, unknown[]]>;
}

export function createFront(deps: FrontDeps): Front {
  const { win } = deps;
  const listeners: { [E in WidgetEventName]?: WidgetListener<E>[] } = {};
  let options: ResolvedBootOptions | null = null;
  let shell: Shell | null = null;
  let ctrl: WidgetController | null = null;
  let pending: [string, unknown[]][] = [];
  let loading = false;
  /** Bumped on shutdown so a UI that finishes loading afterwards is not mounted. */
  let generation = 0;
  /** The boot options as given, for Parley('consent', false) to boot again waiting for consent. */
  let booted: BootOptions = {};
  /**
   * The visitor consented (opened the chat, or the page said so; remembered in storage, which holds
   * nothing before). With requireConsent the UI is not even loaded before it (docs/deploy.md, Privacy).
   */
  let consented = false;

  function emit<E extends WidgetEventName>(event: E, data: WidgetEvents[E]): void {
    for (const l of (listeners[event] || []).slice()) {
      try {
        (l as WidgetListener<E>)(data);
      } catch (e) {
        // A host listener's bug must not break the widget; report it without rethrowing.
        console.error(e);
      }
    }
  }

  function ensureLoaded(): void {
    if (loading || ctrl || !options) return;
    loading = true;
    const gen = generation;
    const stale = () => gen !== generation || !options || !shell || !!ctrl;
    deps
      .load()
      // The UI mounts once its string catalogue is in (a chunk of its own), hence a promise.
      .then((mount) => (stale() ? null : mount({ host: shell!.host, root: shell!.root, options: { ...options!, consented }, emit, addSheet, consent })))
      .then(
        (mounted) => {
          loading = false;
          if (!mounted) return;
          // A shutdown while the UI was mounting: stop what it started.
          if (stale()) return mounted.shutdown();
          ctrl = mounted;
          const queued = pending;
          pending = [];
          for (const [cmd, args] of queued) forward(cmd, args);
        },
        () => {
          // ui.js unreachable: the page is unaffected; the next click tries again.
          loading = false;
        },
      );
  }

  function forward(cmd: string, args: unknown[]): void {
    const fn = ctrl && (ctrl as unknown as Record<string, (...a: unknown[]) => void>)[cmd];
    if (typeof fn === 'function') fn.apply(ctrl, args);
  }

  function boot(opts: BootOptions = {}): void {
    if (options) return; // already booted: use 'update' / 'identify'; 'shutdown' first to boot again
    const merged = { ...deps.defaults, ...opts };
    if (!merged.siteKey) throw new Error('Parley: boot needs a siteKey (or data-site on the script tag).');
    options = resolveOptions({ ...merged, siteKey: merged.siteKey });
    booted = opts;
    consented = false;
    try {
      consented = !!win.localStorage.getItem(consentKey(options.siteKey));
    } catch {
      // no storage: nothing was consented to on an earlier page
    }
    const ready = () => {
      if (!options) return;
      shell = (deps.createShell || createShell)(win.document, options, () => {
        consent();
        pending.push(['open', []]);
        ensureLoaded();
      });
      deps.whenIdle(() => (consented || !options?.requireConsent) && ensureLoaded());
    };
    if (win.document.readyState !== 'loading') ready();
    else win.document.addEventListener('DOMContentLoaded', ready);
  }

  /** The visitor consented: remember it (the first thing stored) and load the UI if it waited for this. */
  function consent(): void {
    if (!options || consented) return;
    consented = true;
    try {
      win.localStorage.setItem(consentKey(options.siteKey), '1');
    } catch {
      // storage disabled: consent lasts for this page
    }
    ensureLoaded();
  }

  function shutdown(): void {
    generation++;
    if (ctrl) ctrl.shutdown();
    // After the UI stopped (it may write its last state on the way out), forget the session.
    if (options) forgetStorage(win, storagePrefix(options.siteKey));
    shell?.remove();
    options = null;
    shell = null;
    ctrl = null;
    pending = [];
    loading = false;
  }

  function call(cmd: string, ...args: unknown[]): unknown {
    try {
      if (cmd === 'getVisitorId') return ctrl ? ctrl.getVisitorId() : undefined;
      // Before the UI is in, the placeholder launcher obeys at once (the UI is told when it mounts).
      if ((cmd === 'hideLauncher' || cmd === 'showLauncher') && !ctrl) shell?.showLauncher(cmd === 'showLauncher');
      if (cmd === 'boot') boot(args[0] as BootOptions);
      else if (cmd === 'shutdown') shutdown();
      else if (cmd === 'consent') {
        if (args[0]) consent(), forward(cmd, args);
        else if (options) {
          // Withdrawn: forget everything (the UI stops, every stored key goes), then wait for consent again.
          const again = { ...booted, requireConsent: true };
          shutdown();
          boot(again);
        }
      }
      else if (cmd === 'on' || cmd === 'off') {
        const [event, fn] = args as [WidgetEventName, WidgetListener];
        if (typeof fn !== 'function') return;
        const list = (listeners[event] = (listeners[event] || []) as WidgetListener[]);
        const at = list.indexOf(fn);
        if (cmd === 'on' && at < 0) list.push(fn);
        if (cmd === 'off' && at >= 0) list.splice(at, 1);
      } else if (ctrl) forward(cmd, args);
      else {
        // Kept even before boot: the snippet may queue 'open' ahead of its own 'boot'.
        pending.push([cmd, args]);
        // The page opening the chat for the visitor counts as their consent (call it from their click).
        if (cmd === 'open' || cmd === 'toggle' || cmd === 'showNewMessage') consent(), ensureLoaded();
      }
    } catch (e) {
      console.error(e);
    }
  }

  return {
    call,
    get pending() {
      return pending;
    },
  };
}

/**
 * Replays the snippet's stub queue (`Parley.q`, filled before widget.js ran) in order. A script tag
 * with data-site boots by itself first, unless the page queued its own boot (with a userToken, say).
 */
export function replayQueue(call: Front['call'], queued: ArrayLike<ArrayLike<unknown>>, autoBoot: boolean): void {
  const list = Array.prototype.slice.call(queued) as ArrayLike<unknown>[];
  if (autoBoot && !list.some((a) => a[0] === 'boot')) call('boot');
  for (const a of list) call(...(Array.prototype.slice.call(a) as [string, ...unknown[]]));
}

/** Removes every localStorage key under a prefix (shutdown before the UI ever loaded). */
export function forgetStorage(win: Window, prefix: string): void {
  try {
    const s = win.localStorage;
    for (let i = s.length - 1; i >= 0; i--) {
      const k = s.key(i);
      if (k && k.startsWith(prefix)) s.removeItem(k);
    }
  } catch {
    // storage can be disabled (privacy mode): nothing to forget
  }
}
