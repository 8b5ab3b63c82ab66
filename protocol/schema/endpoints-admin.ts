import Type from 'typebox';
import { Routes } from '../rest.ts';
import { CreateSiteRequest, CreateStaffRequest, UpdateSiteRequest } from './admin.ts';
import { IdParams } from './conversations.ts';
import { EmailPreferencesRequest, OutboxQuery } from './email.ts';
import type { Endpoint } from './endpoint.ts';
import { EmailPreferencesRecord, Ok, OutboxRecord, page, SiteRecord, SitePublicRecord, StaffRecord } from './records.ts';
import { StaffLoginRequest } from './sessions.ts';
import { CreateApiTokenRequest } from './integrations.ts';
import { ApiTokenRecordSchema } from './records.ts';
import { ReportQuery } from './reports.ts';

const StaffSite = Type.Object({ ...SitePublicRecord.properties, id: Type.String() });

/** Staff sign-in, administration, email and operations. */
const Durations = Type.Object({ medianMs: Type.Union([Type.Integer(), Type.Null()]), count: Type.Integer() });
const Csat = Type.Object({ average: Type.Union([Type.Number(), Type.Null()]), count: Type.Integer() });
const ReportRecord = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  days: Type.Array(Type.Object({ day: Type.String({ description: 'YYYY-MM-DD in the asker\'s zone' }), opened: Type.Integer(), resolved: Type.Integer() })),
  totals: Type.Object({ opened: Type.Integer(), resolved: Type.Integer() }),
  firstResponse: Durations,
  resolution: Durations,
  csat: Type.Object({ ...Csat.properties, distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5, description: 'ratings per score, 1 to 5' }) }),
  agents: Type.Array(Type.Object({ staffId: Type.String(), name: Type.String(), resolved: Type.Integer(), firstResponse: Durations, csat: Csat })),
});

export const adminEndpoints: Endpoint[] = [
  {
    method: 'post', path: Routes.staffLogin, tag: 'Staff', auth: 'none',
    summary: 'Staff login: a session token (and the httpOnly session cookie)', body: StaffLoginRequest,
    response: { status: 200, description: 'the session', schema: Type.Object({ token: Type.String(), expiresAt: Type.Integer(), staff: StaffRecord, site: StaffSite }) },
    errors: ['invalid_credentials', 'origin_not_allowed', 'rate_limited'],
    example: { body: { email: '{staffEmail}', password: '{staffPassword}' } },
  },
  {
    method: 'get', path: Routes.reports, tag: 'Reports', auth: 'admin',
    summary: 'How support went over a range: opened/resolved per day, median first response and resolution, CSAT, per agent',
    query: ReportQuery,
    response: { status: 200, description: 'the report', schema: ReportRecord },
    example: { query: { from: '1767225600000', to: '1769904000000', tzOffset: '60' } },
  },
  { method: 'post', path: Routes.staffLogout, tag: 'Staff', auth: 'staff', summary: 'Log out: revokes the session token', response: { status: 200, description: 'logged out', schema: Ok } },
  { method: 'get', path: Routes.staffMe, tag: 'Staff', auth: 'staff', summary: 'The signed-in staff member and their site', response: { status: 200, description: 'who you are', schema: Type.Object({ staff: StaffRecord, site: StaffSite }) } },
  { method: 'get', path: Routes.staffList, tag: 'Staff', auth: 'staff', summary: 'The staff of your site, with availability', response: { status: 200, description: 'staff', schema: Type.Object({ staff: Type.Array(StaffRecord) }) } },
  {
    method: 'get', path: Routes.staffEmail, tag: 'Email', auth: 'staff', summary: 'Your email notification preference',
    response: { status: 200, description: 'the preference', schema: EmailPreferencesRecord }, errors: ['email_not_configured'],
  },
  {
    method: 'put', path: Routes.staffEmail, tag: 'Email', auth: 'staff', summary: 'Set your email notification preference', body: EmailPreferencesRequest,
    response: { status: 200, description: 'the preference', schema: EmailPreferencesRecord }, errors: ['email_not_configured'],
    example: { body: { notifyUnseen: true } },
  },
  {
    method: 'post', path: Routes.transcript, tag: 'Email', auth: 'any', summary: 'Email the conversation\'s transcript (to the visitor, or to the staff member asking)', params: IdParams,
    response: { status: 200, description: 'where it goes', schema: Type.Object({ to: Type.String(), queued: Type.Boolean(), confirm: Type.Optional(Type.Boolean({ description: 'the address was only typed in: a confirmation link went there first' })) }) },
    errors: ['email_not_configured', 'not_found', 'rate_limited', 'quota_exceeded', 'forbidden'],
  },
  {
    method: 'post', path: Routes.emailInbound, tag: 'Email', auth: 'none', bodyType: 'mime',
    summary: 'An inbound reply as raw MIME (from a mail provider); the signed reply address authorizes it',
    query: Type.Object({ to: Type.Optional(Type.String({ description: 'the envelope recipients, comma separated' })) }),
    body: Type.String({ description: 'the raw message (message/rfc822)' }),
    response: { status: 200, description: 'what became of it', schema: Type.Object({ status: Type.Enum(['posted', 'ignored']), conversationId: Type.String(), messageId: Type.Optional(Type.String()), seq: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) }) },
    errors: ['email_not_configured', 'payload_too_large', 'rate_limited'],
  },
  {
    method: 'get', path: Routes.unsubscribe, tag: 'Email', auth: 'none', summary: 'The unsubscribe page of an email link',
    query: Type.Object({ t: Type.String({ description: 'the signed token from the email' }) }),
    response: { status: 200, description: 'an HTML page', contentType: 'text/html' }, errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.unsubscribe, tag: 'Email', auth: 'none', bodyType: 'form', summary: 'Unsubscribe (RFC 8058 one-click) or resubscribe',
    query: Type.Object({ t: Type.String({ description: 'the signed token from the email' }) }),
    body: Type.Object({ action: Type.Optional(Type.Enum(['unsubscribe', 'resubscribe'])) }),
    response: { status: 200, description: 'an HTML page', contentType: 'text/html' }, errors: ['not_found'],
  },
  {
    method: 'get', path: Routes.transcriptConfirm, tag: 'Email', auth: 'none', summary: 'The page of a transcript confirmation link (asks; changes nothing)',
    query: Type.Object({ t: Type.String({ description: 'the signed token from the email' }) }),
    response: { status: 200, description: 'an HTML page', contentType: 'text/html' }, errors: ['not_found'],
  },
  {
    method: 'post', path: Routes.transcriptConfirm, tag: 'Email', auth: 'none', bodyType: 'form', summary: 'Confirm the address (it becomes verified, the transcript is sent) or decline (no more email from this chat)',
    query: Type.Object({ t: Type.String({ description: 'the signed token from the email' }) }),
    body: Type.Object({ action: Type.Enum(['send', 'decline']) }),
    response: { status: 200, description: 'an HTML page', contentType: 'text/html' }, errors: ['not_found', 'quota_exceeded'],
  },
  { method: 'get', path: Routes.adminEmail, tag: 'Administration', auth: 'admin', summary: 'Whether this server sends email, and how', response: { status: 200, description: 'email status', schema: Type.Object({ enabled: Type.Boolean(), reason: Type.Optional(Type.String()), from: Type.Union([Type.String(), Type.Null()]) }) }, errors: ['email_not_configured'] },
  {
    method: 'get', path: Routes.adminOutbox, tag: 'Administration', auth: 'admin', summary: 'The email outbox, newest first', query: OutboxQuery,
    response: { status: 200, description: 'a page of emails', schema: page(OutboxRecord) }, errors: ['email_not_configured'],
  },
  { method: 'post', path: Routes.adminOutboxRetry, tag: 'Administration', auth: 'admin', summary: 'Send a failed email again', params: IdParams, response: { status: 200, description: 'queued again', schema: Ok }, errors: ['email_not_configured', 'not_found'] },
  { method: 'get', path: Routes.adminSites, tag: 'Administration', auth: 'admin', summary: 'Your site (one server hosts many; others are invisible)', response: { status: 200, description: 'sites', schema: Type.Object({ sites: Type.Array(SiteRecord) }) } },
  {
    method: 'post', path: Routes.adminSites, tag: 'Administration', auth: 'admin', summary: 'Create a site and its first admin', body: CreateSiteRequest,
    response: { status: 201, description: 'the site, its admin, and a generated password when none was given and the admin has none yet (someone with a password on another site joins with it; giving one for them is a conflict)', schema: Type.Object({ site: SiteRecord, admin: StaffRecord, password: Type.Optional(Type.String()) }) },
    errors: ['conflict', 'forbidden', 'weak_password'],
    example: { body: { name: 'Example shop', allowedOrigins: ['https://shop.example'], admin: { email: 'owner@shop.example', name: 'Owner' } } },
  },
  { method: 'get', path: Routes.adminSite, tag: 'Administration', auth: 'admin', summary: 'One site', params: IdParams, response: { status: 200, description: 'the site', schema: Type.Object({ site: SiteRecord }) }, errors: ['not_found'] },
  {
    method: 'patch', path: Routes.adminSite, tag: 'Administration', auth: 'admin', summary: 'Change a site: name, origins, settings, a new identity secret', params: IdParams, body: UpdateSiteRequest,
    response: { status: 200, description: 'the site', schema: Type.Object({ site: SiteRecord }) }, errors: ['not_found'],
    example: { body: { settings: { greeting: 'Hi! Ask us anything.', preChatEmail: false } } },
  },
  { method: 'get', path: Routes.adminStaff, tag: 'Administration', auth: 'admin', summary: 'The site\'s staff', response: { status: 200, description: 'staff', schema: Type.Object({ staff: Type.Array(StaffRecord) }) } },
  {
    method: 'post', path: Routes.adminStaff, tag: 'Administration', auth: 'admin', summary: 'Add a staff member', body: CreateStaffRequest,
    response: { status: 201, description: 'the member, and a generated password when none was given and the person has none yet (someone with a password on another site joins with it; giving one for them is a conflict)', schema: Type.Object({ staff: StaffRecord, password: Type.Optional(Type.String()) }) },
    errors: ['conflict', 'weak_password'],
    example: { body: { email: 'agent.new@shop.example', name: 'New Agent', role: 'agent' } },
  },
  {
    method: 'get', path: Routes.adminApiTokens, tag: 'API tokens', auth: 'admin', summary: 'The site\'s API tokens, revoked ones included (never their secrets)',
    response: { status: 200, description: 'tokens, newest first', schema: Type.Object({ tokens: Type.Array(ApiTokenRecordSchema) }) },
  },
  {
    method: 'post', path: Routes.adminApiTokens, tag: 'API tokens', auth: 'admin', summary: 'Make an API token; its secret is in this answer only', body: CreateApiTokenRequest,
    response: { status: 201, description: 'the token and its secret (`prl_…`), shown once', schema: Type.Object({ token: ApiTokenRecordSchema, secret: Type.String() }) },
    example: { body: { name: 'CRM sync', scopes: ['read', 'write'] } },
  },
  { method: 'delete', path: Routes.adminApiToken, tag: 'API tokens', auth: 'admin', summary: 'Revoke an API token (refused from the next request on, on every process)', params: IdParams, response: { status: 200, description: 'revoked', schema: Ok }, errors: ['not_found'] },
  { method: 'get', path: Routes.health, tag: 'Operations', auth: 'none', summary: 'The process answers', response: { status: 200, description: 'alive', schema: Ok } },
  { method: 'get', path: Routes.ready, tag: 'Operations', auth: 'none', summary: 'This process can serve (store and bus up, not shutting down)', response: { status: 200, description: 'ready', schema: Type.Object({ ok: Type.Literal(true), store: Type.String(), bus: Type.String() }) }, errors: ['shutting_down', 'unavailable'] },
  { method: 'get', path: '/metrics', tag: 'Operations', auth: 'metrics', summary: 'Prometheus metrics (with PARLEY_METRICS_TOKEN)', response: { status: 200, description: 'Prometheus text format', contentType: 'text/plain' }, errors: ['not_found'] },
];
