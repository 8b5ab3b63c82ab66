import { emailEnabled } from '../email/enabled.ts';
import { CloseCodes, PROTOCOL_VERSION, type ClientCommand, type ErrorCode, type HelloResult, type SitePublic } from '../../protocol/index.ts';
import type { Auth } from '../auth/index.ts';
import { Topics } from '../bus/bus.ts';
import type { Config } from '../config.ts';
import type { Domain, ResumeResult } from '../domain/domain.ts';
import type { Principal } from '../domain/principal.ts';
import { ParleyError, fail } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { visitorSettings } from '../domain/assignment/assignment-settings.ts';

type Hello = Extract<ClientCommand, { type: 'hello' }>;

/** Close code for a failed hello, by error code. */
const HELLO_CLOSE: Partial<Record<ErrorCode, number>> = {
  unauthorized: CloseCodes.unauthorized,
  token_expired: CloseCodes.unauthorized,
  forbidden: CloseCodes.forbidden,
  blocked: CloseCodes.forbidden,
  protocol_version: CloseCodes.protocolVersion,
};

/** How the socket closes after its hello failed: by the refusal's code; a bug is `internal`. */
export function helloCloseCode(err: unknown): number {
  return err instanceof ParleyError ? (HELLO_CLOSE[err.code] ?? CloseCodes.policy) : CloseCodes.internal;
}

/**
 * Which socket this is, decided at upgrade: a visitor socket of one site (?site=KEY) or a staff socket,
 * with the staff session cookie the upgrade carried (the dashboard's hello then sends no token: script
 * cannot read the httpOnly cookie, and the upgrade's Origin was checked like any staff request's).
 */
export type SocketScope = { kind: 'visitor'; siteId: string } | { kind: 'staff'; cookieToken?: string };

export interface HelloDeps {
  auth: Auth;
  store: Store;
  domain: Domain;
  config: Config;
}

/**
 * Authenticates a hello: version, token (verified again on every hello, so a resume never outlives
 * a revoked session), and that the token fits the socket's scope. Throws ParleyError; the caller
 * maps the code to a close code.
 */
export async function authenticateHello(deps: HelloDeps, scope: SocketScope, hello: Hello): Promise<{ principal: Principal; expiresAt: number }> {
  if (hello.v !== PROTOCOL_VERSION) fail('protocol_version', `This server speaks protocol v${PROTOCOL_VERSION}; the client sent v${hello.v}.`);
  const token = hello.token || (scope.kind === 'staff' ? scope.cookieToken : undefined);
  if (!token) fail('unauthorized', 'Send a token in hello (or sign in to the dashboard: its session cookie then comes with the upgrade).');
  const authenticated = await deps.auth.authenticate(token!);
  const p = authenticated.principal;
  if (scope.kind === 'visitor') {
    if (p.kind !== 'visitor') fail('forbidden', 'Staff connect to /ws without a site parameter.');
    if (p.siteId !== scope.siteId) fail('forbidden', 'This visitor token belongs to another site.');
  } else if (p.kind !== 'staff') {
    fail('forbidden', 'Visitors connect to /ws?site=<siteKey>.');
  }
  return authenticated;
}

/** The topics a principal's connection listens to. */
export function topicsFor(p: Principal): string[] {
  return p.kind === 'visitor'
    ? [Topics.visitor(p.visitorId), Topics.siteVisitors(p.siteId)]
    : [Topics.siteStaff(p.siteId), Topics.staff(p.staffId)];
}

/** Builds the hello ack once the replay is known. */
export async function buildHelloResult(deps: HelloDeps, p: Principal, connectionId: string, replay: ResumeResult): Promise<HelloResult> {
  const site = await deps.store.getSite(p.siteId);
  if (!site) throw new ParleyError('unauthorized', 'This site no longer exists.');
  const settings = p.kind === 'visitor' ? visitorSettings(site.settings) : site.settings;
  const sitePublic: SitePublic = { key: site.key, name: site.name, settings, email: emailEnabled(deps.config.email) };
  const base = {
    v: PROTOCOL_VERSION,
    connectionId,
    site: sitePublic,
    limits: deps.config.limits,
    resume: { cursor: replay.cursor, reload: replay.reload, replayed: replay.events.length },
  };
  if (p.kind === 'visitor') {
    const visitor = await deps.store.getVisitor(p.visitorId);
    if (!visitor || visitor.siteId !== p.siteId) throw new ParleyError('unauthorized', 'This visitor no longer exists.');
    const outlook = await deps.domain.visitorOutlook(p);
    return { ...base, role: 'visitor', visitor, availability: deps.domain.availabilityFor(p.siteId), ...outlook };
  }
  const [member] = (await deps.domain.listStaff(p)).filter((s) => s.id === p.staffId);
  if (!member) throw new ParleyError('unauthorized', 'This staff member no longer exists.');
  // Read after the socket listens to the agent's topic: a notification stored after this read is pushed to it.
  return { ...base, role: 'staff', staff: member, notifications: await deps.store.notificationState(p.siteId, p.staffId) };
}
