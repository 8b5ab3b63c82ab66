/**
 * @parley/widget: the Parley chat widget for apps built with a bundler. The same commands and events as the
 * paste-in snippet (docs/embedding.md), as typed functions:
 *
 *   import { boot, open, on } from '@parley/widget';
 *   boot({ apiBase: 'https://chat.example.com', siteKey: 'pk_...' });
 *   on('unread-count', ({ count }) => setBadge(count));
 *
 * It weighs about 1 KB: boot() adds the server's /widget.js, which draws the launcher and loads the UI
 * from your Parley server when needed, so the UI always matches the server and is cached and compressed
 * there. Calls made before it has loaded are queued and replayed in order, exactly like the snippet's
 * stub. On the server side of server-side rendering every function does nothing.
 */
export type WidgetPosition = 'bottom-right' | 'bottom-left';
/** Custom attributes staff see beside the conversation. */
export type ContextAttributes = Record<string, string | number | boolean>;
export interface BootOptions {
    /** Where Parley runs, e.g. https://chat.example.com (the origin that serves /widget.js). */
    apiBase: string;
    /** The site's public key (pk_...). */
    siteKey: string;
    /** A JWT your backend signs with the site's identity secret (a signed-in visitor). */
    userToken?: string;
    /** 'en', 'de', ...; default: the browser's languages. */
    locale?: string;
    /** Accent color (any CSS color); overrides the site setting. */
    color?: string;
    position?: WidgetPosition;
    zIndex?: number;
    attributes?: ContextAttributes;
    /** No launcher button: open the chat with open(). */
    hideLauncher?: boolean;
}
/** update(): page info after client-side navigation, or new attributes. */
export interface UpdateOptions {
    url?: string;
    title?: string;
    attributes?: ContextAttributes;
}
export type Actor = {
    kind: 'visitor';
    id: string;
} | {
    kind: 'staff';
    id: string;
};
export interface Attachment {
    id: string;
    name: string;
    size: number;
    type: string;
    url: string;
}
export interface Message {
    id: string;
    conversationId: string;
    seq: number;
    clientId: string;
    author: Actor;
    authorName?: string;
    text: string;
    attachments: Attachment[];
    note: boolean;
    deleted: boolean;
    /** Milliseconds since the epoch, the server's clock. */
    createdAt: number;
}
export interface WidgetEvents {
    /** The session is open and the widget connected for the first time. */
    ready: {
        visitorId: string;
    };
    open: Record<string, never>;
    close: Record<string, never>;
    /** A committed message arrived live (a staff reply, or the visitor's other tab). */
    message: {
        message: Message;
    };
    /** The number of unread staff messages changed. */
    'unread-count': {
        count: number;
    };
}
export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<E extends WidgetEventName = WidgetEventName> = (data: WidgetEvents[E]) => void;
/** Starts the widget; a second boot is ignored until shutdown(). */
export declare function boot(options: BootOptions): void;
export declare const open: () => void;
export declare const close: () => void;
export declare const toggle: () => void;
/** The visitor signed in on your site: their conversation carries over to their account. */
export declare const identify: (userToken: string) => void;
export declare const update: (options: UpdateOptions) => void;
/** The visitor signed out: forget the session on this browser and remove the widget. */
export declare const shutdown: () => void;
export declare const on: <E extends WidgetEventName>(event: E, listener: WidgetListener<E>) => void;
export declare const off: <E extends WidgetEventName>(event: E, listener: WidgetListener<E>) => void;
