import type { ErasureRequestInfo, ErasureRequestStatus, PrivacyLookup } from '../protocol/schema/privacy.ts';
import type { Report, Team, UpdateConversationRequest as ConversationChanges } from '../protocol/index.ts';
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
  OutboxItemStatus,
  StaffEmailPreferences,
  TranscriptResponse,
  Notification,
  NotificationPreferences,
  NotificationState,
  InstallationResponse,
  Membership,
  PasswordLink,
  PasswordLinkInfo,
  Role,
  Site,
  SiteSettings,
  ApiTokenInfo,
  WebhookInfo,
  WebhookDeliveryInfo,
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

/** Conversations waiting for automatic assignment (GET /api/v1/queue, `queue.changed`). */
export interface QueueState {
  waiting: number;
  conversationIds: string[];
}

/** A site as its admins read it: the identity secret only once (made or rotated), else its last four characters. */
export interface AdminSite extends Site {
  identitySecretHint: string;
  identitySecret?: string;
  previousIdentityUntil?: number;
}

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

  /** A binary answer (an export archive): its bytes and the file name from Content-Disposition. */
  async function download(method: string, path: string, body: unknown): Promise<{ blob: Blob; name: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    const c = csrf();
    if (c) headers['x-csrf-token'] = c;
    const res = await doFetch(base + path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin' }).catch((err: Error) => {
      throw new ApiError('internal', `Network error: ${err.message ?? err}`, 0);
    });
    if (!res.ok) {
      const e = (safeJson(await res.text()) ?? {}) as Partial<WireError>;
      throw new ApiError((e.code as ErrorCode) ?? 'internal', e.message ?? `HTTP ${res.status}`, res.status);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'parley-export.tar';
    return { blob: await res.blob(), name };
  }

  const enc = encodeURIComponent;
  return {
    login: (email: string, password: string) => call<StaffLoginResponse>('POST', '/api/v1/staff/login', { email, password }),
    logout: () => call<{ ok: true }>('POST', '/api/v1/staff/logout'),
    me: () => call<{ staff: StaffMember; site: SitePublic & { id?: string }; csrfToken: string }>('GET', '/api/v1/staff/me'),
    staff: () => call<{ staff: StaffMember[] }>('GET', '/api/v1/staff'),
    queue: () => call<QueueState>('GET', '/api/v1/queue'),

    inbox(filter: InboxFilter, cursor: string | null, limit = 50) {
      const p = new URLSearchParams({ view: filter.view, limit: String(limit) });
      if (filter.status) p.set('status', filter.status);
      if (filter.q.trim()) p.set('q', filter.q.trim());
      if (filter.label.trim()) p.set('label', filter.label.trim());
      if (filter.priority) p.set('priority', filter.priority);
      if (filter.team) p.set('team', filter.team);
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
    outbox: (cursor: string | null, limit = 50, status?: OutboxItemStatus) =>
      call<Page<OutboxItem>>('GET', `/api/v1/admin/email/outbox?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}${status ? `&status=${status}` : ''}`),
    retryEmail: (id: string) => call<{ ok: true }>('POST', `/api/v1/admin/email/outbox/${enc(id)}/retry`),
    blockVisitor: (visitorId: string, ip: boolean) => call<{ blocks: Block[] }>('POST', `/api/v1/visitors/${enc(visitorId)}/block`, { ip }),
    apiTokens: () => call<{ tokens: ApiTokenInfo[] }>('GET', '/api/v1/admin/api-tokens'),
    createApiToken: (name: string, scopes: ApiTokenInfo['scopes']) => call<{ token: ApiTokenInfo; secret: string }>('POST', '/api/v1/admin/api-tokens', { name, scopes }),
    revokeApiToken: (id: string) => call<{ ok: true }>('DELETE', `/api/v1/admin/api-tokens/${enc(id)}`),
    webhooks: () => call<{ webhooks: WebhookInfo[] }>('GET', '/api/v1/admin/webhooks'),
    createWebhook: (input: { url: string; events: WebhookInfo['events']; includeNotes: boolean }) => call<{ webhook: WebhookInfo }>('POST', '/api/v1/admin/webhooks', input),
    deleteWebhook: (id: string) => call<{ ok: true }>('DELETE', `/api/v1/admin/webhooks/${enc(id)}`),
    webhookDeliveries: (id: string, before: string | null) =>
      call<Page<WebhookDeliveryInfo>>('GET', `/api/v1/admin/webhooks/${enc(id)}/deliveries?limit=25${before ? `&before=${enc(before)}` : ''}`),
    resendDelivery: (id: string, deliveryId: string) => call<{ delivery: WebhookDeliveryInfo }>('POST', `/api/v1/admin/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/resend`),
    testWebhook: (id: string) => call<{ delivery: WebhookDeliveryInfo }>('POST', `/api/v1/admin/webhooks/${enc(id)}/test`),
    site: (id: string) => call<{ site: AdminSite }>('GET', `/api/v1/admin/sites/${enc(id)}`),
    /** POST /privacy/export: the tar (export.json and the files) and the file name the server gave it. */
    privacyExport: (lookup: PrivacyLookup) => download('POST', '/api/v1/privacy/export', lookup),
    privacyErase: (lookup: PrivacyLookup) => call<{ erased: { visitors: number; conversations: number; files: number; tombstone: boolean } }>('POST', '/api/v1/privacy/erase', lookup),
    erasureRequests: (status: ErasureRequestStatus = 'pending') => call<{ requests: ErasureRequestInfo[] }>('GET', `/api/v1/privacy/erasure-requests?status=${status}`),
    confirmErasureRequest: (id: string) =>
      call<{ request: ErasureRequestInfo; erased: { visitors: number; conversations: number; files: number; tombstone: boolean } }>('POST', `/api/v1/privacy/erasure-requests/${enc(id)}/confirm`, {}),
    declineErasureRequest: (id: string) => call<{ request: ErasureRequestInfo }>('POST', `/api/v1/privacy/erasure-requests/${enc(id)}/decline`, {}),
    updateSite: (id: string, patch: { name?: string; settings?: SiteSettings; rotateIdentitySecret?: true }) => call<{ site: AdminSite }>('PATCH', `/api/v1/admin/sites/${enc(id)}`, patch),
    addOrigin: (id: string, origin: string) => call<{ site: AdminSite }>('POST', `/api/v1/admin/sites/${enc(id)}/origins`, { origin }),
    removeOrigin: (id: string, origin: string) => call<{ site: AdminSite }>('DELETE', `/api/v1/admin/sites/${enc(id)}/origins?origin=${enc(origin)}`),
    installation: (id: string) => call<InstallationResponse>('GET', `/api/v1/admin/sites/${enc(id)}/installation`),
    team: () => call<{ staff: StaffMember[] }>('GET', '/api/v1/admin/staff'),
    teams: () => call<{ teams: Team[] }>('GET', '/api/v1/teams'),
    createTeam: (input: { name: string; memberIds?: string[] }) => call<{ team: Team }>('POST', '/api/v1/teams', input),
    updateTeam: (id: string, patch: { name?: string; memberIds?: string[] }) => call<{ team: Team }>('PATCH', `/api/v1/teams/${enc(id)}`, patch),
    deleteTeam: (id: string) => call<{ ok: true }>('DELETE', `/api/v1/teams/${enc(id)}`),
    invite: (input: { email: string; name: string; role: Role }) => call<{ staff: StaffMember; link: PasswordLink | null }>('POST', '/api/v1/admin/staff/invitations', input),
    updateMember: (id: string, patch: { role?: Role; active?: boolean }) => call<{ staff: StaffMember; unassigned?: number }>('PATCH', `/api/v1/admin/staff/${enc(id)}`, patch),
    removeMember: (id: string) => call<{ ok: true }>('DELETE', `/api/v1/admin/staff/${enc(id)}`),
    resetPassword: (id: string) => call<{ link: PasswordLink }>('POST', `/api/v1/admin/staff/${enc(id)}/password-reset`),
    updateProfile: (name: string) => call<{ staff: StaffMember }>('PATCH', '/api/v1/staff/me', { name }),
    changePassword: (current: string, password: string) => call<{ ok: true }>('PUT', '/api/v1/staff/me/password', { current, password }),
    memberships: () => call<{ memberships: Membership[]; canCreateSites: boolean }>('GET', '/api/v1/staff/me/sites'),
    createSite: (input: { name: string; allowedOrigins: string[]; admin: { email: string; name: string } }) =>
      call<{ site: AdminSite; admin: StaffMember; password?: string }>('POST', '/api/v1/admin/sites', input),
    serverOwners: () => call<{ owners: string[]; fromConfig: boolean }>('GET', '/api/v1/admin/server-owners'),
    addServerOwner: (email: string) => call<{ owners: string[]; fromConfig: boolean }>('POST', '/api/v1/admin/server-owners', { email }),
    removeServerOwner: (email: string) => call<{ owners: string[]; fromConfig: boolean }>('DELETE', `/api/v1/admin/server-owners?email=${encodeURIComponent(email)}`),
    switchSite: (siteId: string) => call<StaffLoginResponse>('POST', '/api/v1/staff/me/switch', { siteId }),
    signOutEverywhere: () => call<{ ok: true }>('POST', '/api/v1/staff/me/sign-out-everywhere'),
    passwordLink: (token: string) => call<PasswordLinkInfo>('POST', '/api/v1/staff/password-link', { token }),
    usePasswordLink: (token: string, password: string) => call<StaffLoginResponse>('POST', '/api/v1/staff/password-link/use', { token, password }),
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
