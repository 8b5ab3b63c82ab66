/**
 * @parley/react: the Parley widget in a React app, like react-use-intercom.
 *
 *   <ParleyProvider apiBase="https://chat.example.com" siteKey="pk_...">
 *     <App />
 *   </ParleyProvider>
 *
 *   const { unreadCount, isOpen, open, close } = useParley();
 *
 * The provider boots the widget once (autoBoot, the default) and follows its events, so components re-render
 * with the unread count and whether the panel is open. A new userToken prop identifies the visitor. Leaving
 * the page or unmounting does not end the visitor's session: call shutdown() when they sign out.
 */
import { createContext, createElement, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as widget from '@parley/widget';
import type { BootOptions, UpdateOptions } from '@parley/widget';

export type { BootOptions, Message, UpdateOptions, WidgetEventName, WidgetEvents } from '@parley/widget';

export interface ParleyProviderProps extends BootOptions {
  /** Boot when the provider mounts (default true); false: call boot() from useParley() yourself. */
  autoBoot?: boolean;
  children?: ReactNode;
}

export interface Parley {
  /** Unread staff messages. */
  unreadCount: number;
  /** Whether the chat panel is open. */
  isOpen: boolean;
  /** The visitor's id once the widget has connected; null before. */
  visitorId: string | null;
  /** Boots with the provider's options, overridden by `options`. */
  boot(options?: Partial<BootOptions>): void;
  open(): void;
  close(): void;
  toggle(): void;
  identify(userToken: string): void;
  update(options: UpdateOptions): void;
  /** The visitor signed out: forget the session and remove the widget (boot() starts over). */
  shutdown(): void;
}

const ParleyContext = createContext<Parley | null>(null);

export function ParleyProvider({ autoBoot = true, children, ...options }: ParleyProviderProps) {
  const [unreadCount, setUnreadCount] = useState(0);
  const [isOpen, setOpen] = useState(false);
  const [visitorId, setVisitorId] = useState<string | null>(null);
  const latest = useRef(options);
  latest.current = options;

  // Listeners first (effects run in order), so nothing the widget says after boot is missed.
  useEffect(() => {
    const unread = ({ count }: { count: number }) => setUnreadCount(count);
    const opened = () => setOpen(true);
    const closed = () => setOpen(false);
    const ready = ({ visitorId }: { visitorId: string }) => setVisitorId(visitorId);
    widget.on('unread-count', unread);
    widget.on('open', opened);
    widget.on('close', closed);
    widget.on('ready', ready);
    return () => {
      widget.off('unread-count', unread);
      widget.off('open', opened);
      widget.off('close', closed);
      widget.off('ready', ready);
    };
  }, []);
  useEffect(() => {
    if (autoBoot) widget.boot(latest.current);
  }, [autoBoot]);
  // A token that arrives or changes later (the visitor signed in): the same conversation, now theirs.
  const booted = useRef(options.userToken);
  useEffect(() => {
    if (options.userToken && options.userToken !== booted.current) widget.identify(options.userToken);
    booted.current = options.userToken;
  }, [options.userToken]);

  const value = useMemo<Parley>(
    () => ({
      unreadCount,
      isOpen,
      visitorId,
      boot: (o) => widget.boot({ ...latest.current, ...o }),
      open: widget.open,
      close: widget.close,
      toggle: widget.toggle,
      identify: widget.identify,
      update: widget.update,
      shutdown: () => {
        widget.shutdown();
        setUnreadCount(0);
        setOpen(false);
        setVisitorId(null);
      },
    }),
    [unreadCount, isOpen, visitorId],
  );
  return createElement(ParleyContext.Provider, { value }, children);
}

/** The widget's state and commands; inside a <ParleyProvider>. */
export function useParley(): Parley {
  const parley = useContext(ParleyContext);
  if (!parley) throw new Error('useParley() must be called inside <ParleyProvider>.');
  return parley;
}
