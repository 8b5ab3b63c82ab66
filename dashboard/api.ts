import type { Report, UpdateConversationRequest as ConversationChanges } from '../protocol/index.ts';
import type {
  Conversation,
  ConversationStatus,
  HistoryResponse,
  InboxItem,
  Message,
  Page,
  SearchHit,
  StaffLoginResponse,
  StaffMember,
  SitePublic,
  Visitor,
  WireError,
  Attachment,
  Block,
  EmailStatus,
  ErrorCode,
  OutboxItem,
  StaffEmailPreferences,
  TranscriptResponse,
  Notification,
  NotificationPreferences,
  NotificationState,
} from '../protocol/index.ts';
import type { InboxFilter } from './state/inbox.ts';
import type { CannedItem } from './state/canned.ts';

/**
 * The dashboard's REST client: same-origin /api/v1 calls authenticated by the httpOnly session cookie,
 * each write with the session's X-CSRF-Token. Tests from Node pass a Bearer token instead. `fetch` is
 * injected so tests run it against a real server from Node.
 */
export class ApiError extends Error implements WireError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ApiDeps {
  fetch: typeof fetch;
  /** Origin + path prefix; '' in the browser (same origin). */
  base?: string;
  /** A Bearer token (Node tests, scripts); the browser dashboard has none: its cookie is the session. */
  token?: () => string | null;
  /** The session's CSRF token, sent with every write the cookie authenticates. */
  csrf?: () => string | null;
}

export type DashboardApi = ReturnType<typeof createApi>;

export function createApi({ fetch: doFetch, base = '', token = () => null, csrf = () => null }: ApiDeps) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    const c = csrf();
    if (c && method !== 'GET') headers['x-csrf-token'] = c;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await doFetch(base + path, { method, headers, body: payload, credentials: 'same-origin' });
    } catch (err) {
      throw new ApiError('internal', `Network error: ${(err as Error).message ?? err}`, 0);
    }
    const text = await res.text();
    const data = text ? safeJson(text) : null;
    if (!res.ok) {
      const e = (data ?? {}) as Partial<WireError>;
      throw new ApiError((e.code as ErrorCode) ?? 'internal', e.message ?? `HTTP ${res.status}`, res.status);
    }
    return data as T;
  }

  const enc = encodeURIComponent;
  return {
    login: (email: string, password: string) => call<StaffLoginResponse>('POST', '/api/v1/staff/login', { email, password }),
    logout: () => call<{ ok: true }>('POST', '/api/v1/staff/logout'),
    me: () => call<{ staff: StaffMember; site: SitePublic & { id?: string }; csrfToken: string }>('GET', '/api/v1/staff/me'),
    staff: () => call<{ staff: StaffMember[] }>('GET', '/api/v1/staff'),

    inbox(filter: InboxFilter, cursor: string | null, limit = 50) {
      const p = new URLSearchParams({ view: filter.view, limit: String(limit) });
      if (filter.status) p.set('status', filter.status);
      if (filter.q.trim()) p.set('q', filter.q.trim());
      if (filter.label.trim()) p.set('label', filter.label.trim());
      if (filter.priority) p.set('priority', filter.priority);
      if (filter.sort !== 'activity') p.set('sort', filter.sort);
      if (cursor) p.set('cursor', cursor);
      return call<Page<InboxItem>>('GET', `/api/v1/conversations?${p}`);
    },
    conversation: (id: string) => call<{ conversation: Conversation; visitor: Visitor }>('GET', `/api/v1/conversations/${enc(id)}`),
    history(id: string, before: number | null, limit = 50) {
      const p = new URLSearchParams({ limit: String(limit) });
      if (before !== null) p.set('before', String(before));
      return call<HistoryResponse>('GET', `/api/v1/conversations/${enc(id)}/messages?${p}`);
    },
    update: (id: string, changes: ConversationChanges) =>
      call<unknown>('PATCH', `/api/v1/conversations/${enc(id)}`, changes),
    deleteMessage: (id: string, messageId: string) => call<unknown>('DELETE', `/api/v1/conversations/${enc(id)}/messages/${enc(messageId)}`),
    report: (from: number, to: number, tzOffset: number) => call<Report>('GET', `/api/v1/reports?from=${from}&to=${to}&tzOffset=${tzOffset}`),
    visitor: (id: string) => call<{ visitor: Visitor; conversations: Conversation[] }>('GET', `/api/v1/visitors/${enc(id)}`),
    canned: () => call<{ items: CannedItem[] }>('GET', '/api/v1/canned-responses'),
    createCanned: (shortcut: string, text: string) => call<CannedItem>('POST', '/api/v1/canned-responses', { shortcut, text }),
    deleteCanned: (id: string) => call<{ ok: true }>('DELETE', `/api/v1/canned-responses/${enc(id)}`),
    transcript: (id: string) => call<TranscriptResponse>('POST', `/api/v1/conversations/${enc(id)}/transcript`),
    emailPreferences: () => call<StaffEmailPreferences>('GET', '/api/v1/staff/me/email'),
    setEmailPreferences: (notifyUnseen: boolean) => call<StaffEmailPreferences>('PUT', '/api/v1/staff/me/email', { notifyUnseen }),
    emailStatus: () => call<EmailStatus>('GET', '/api/v1/admin/email'),
    outbox: (cursor: string | null, limit = 50) => call<Page<OutboxItem>>('GET', `/api/v1/admin/email/outbox?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
    retryEmail: (id: string) => call<{ ok: true }>('POST', `/api/v1/admin/email/outbox/${enc(id)}/retry`),
    blockVisitor: (visitorId: string, ip: boolean) => call<{ blocks: Block[] }>('POST', `/api/v1/visitors/${enc(visitorId)}/block`, { ip }),
    search: (q: string) => call<{ hits: SearchHit[] }>('GET', `/api/v1/search?q=${enc(q)}`),
    notifications: (before: string | null, limit = 30) =>
      call<{ items: Notification[]; nextCursor: string | null; state: NotificationState }>('GET', `/api/v1/notifications?limit=${limit}${before ? `&before=${enc(before)}` : ''}`),
    readNotifications: (target: { ids: string[] } | { conversationId: string } | { upTo: string } | { all: true }) =>
      call<{ state: NotificationState }>('POST', '/api/v1/notifications/read', target),
    ringNotification: (id: string) => call<{ ring: boolean }>('POST', '/api/v1/notifications/ring', { id }),
    notificationPreferences: () => call<NotificationPreferences>('GET', '/api/v1/notifications/preferences'),
    setNotificationPreferences: (p: NotificationPreferences) => call<NotificationPreferences>('PUT', '/api/v1/notifications/preferences', p),
    upload(file: Blob, name: string, conversationId?: string) {
      const form = new FormData();
      form.set('file', file, name);
      if (conversationId) form.set('conversationId', conversationId);
      return call<Attachment>('POST', '/api/v1/attachments', form);
    },
    /** Attachment links need no token: <img> and <a> send the httpOnly session cookie (no token in URLs). */
    attachmentUrl(url: string): string {
      return base + url;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type { Message };
