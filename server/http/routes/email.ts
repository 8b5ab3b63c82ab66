import { Routes } from '../../../protocol/index.ts';
import type { EmailService } from '../../email/service.ts';
import { unsubscribePage, type UnsubscribeView } from '../../email/unsubscribe-page.ts';
import { transcriptPage, type TranscriptPageView } from '../../email/transcript-page.ts';
import { fail } from '../../errors.ts';
import { requireAuth } from '../auth-middleware.ts';
import { readLimitedBody } from '../body-limit.ts';
import type { App, RouteDeps } from '../env.ts';
import { EmailPreferencesRequest, IdParams, OUTBOX_STATUSES, OutboxQuery } from '../../../protocol/schema/index.ts';
import { readJson, readParams, readQuery } from '../input.ts';

/**
 * Email over HTTP: a transcript on request, an agent's preference, the outbox for admins, inbound
 * replies posted by a mail provider as raw MIME, and the unsubscribe page. The use cases are in
 * server/email/; routes only parse and authenticate.
 */
export function registerEmail(app: App, deps: RouteDeps): void {
  const email = (): EmailService => deps.email ?? fail('email_not_configured', 'This server sends no email.');

  app.post(Routes.transcript, requireAuth(deps, { apiTokens: false }), deps.writeLimit.perPrincipal('transcript'), async (c) =>
    c.json(await email().requestTranscript(c.get('principal'), readParams(c, IdParams).id)),
  );

  app.get(Routes.staffEmail, requireAuth(deps, { role: 'staff', apiTokens: false }), async (c) => c.json(await email().preferences(c.get('principal'))));
  app.put(Routes.staffEmail, requireAuth(deps, { role: 'staff', apiTokens: false }), async (c) => {
    const body = await readJson(c, EmailPreferencesRequest, deps.config.limits.maxBodyBytes);
    await email().setPreferences(c.get('principal'), body.notifyUnseen);
    return c.json(await email().preferences(c.get('principal')));
  });

  app.get(Routes.adminEmail, requireAuth(deps, { role: 'admin' }), (c) => c.json(email().status()));
  app.get(Routes.adminOutbox, requireAuth(deps, { role: 'admin' }), async (c) =>
    c.json(
      await email().listOutbox(c.get('principal'), outboxQuery(readQuery(c, OutboxQuery), deps.config.limits.maxPageSize)),
    ),
  );
  app.post(Routes.adminOutboxRetry, requireAuth(deps, { role: 'admin' }), async (c) => {
    await email().retryOutbox(c.get('principal'), readParams(c, IdParams).id);
    return c.json({ ok: true });
  });

  // No token: the signed reply address in the email is what authorizes it (a forged one is refused).
  app.post(Routes.emailInbound, deps.writeLimit.perIp('email-inbound'), async (c) => {
    const raw = await readLimitedBody(c, deps.config.email.maxInboundBytes, 'Email');
    const to = (c.req.queries('to') ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    return c.json(await email().receive(Buffer.from(raw), to));
  });

  const page = (view: UnsubscribeView, siteName: string, language: string | undefined, token: string) =>
    unsubscribePage(view, { siteName, language, action: `${Routes.unsubscribe}?t=${encodeURIComponent(token)}` });
  const pageHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
  app.get(Routes.unsubscribe, async (c) => {
    const token = c.req.query('t') ?? '';
    const target = deps.email ? await deps.email.unsubscribeTarget(token) : null;
    if (!target) return c.body(page('invalid', '', undefined, token), 404, pageHeaders);
    return c.body(page(target.optedOut ? 'unsubscribed' : 'confirm', target.siteName, target.language, token), 200, pageHeaders);
  });
  app.post(Routes.unsubscribe, async (c) => {
    const token = c.req.query('t') ?? '';
    const target = deps.email ? await deps.email.unsubscribeTarget(token) : null;
    if (!target) return c.body(page('invalid', '', undefined, token), 404, pageHeaders);
    // The page's buttons say which; a mail client's one-click unsubscribe posts "List-Unsubscribe=One-Click".
    const form = new URLSearchParams(new TextDecoder().decode(await readLimitedBody(c, 4096, 'Form')));
    const resubscribe = form.get('action') === 'resubscribe';
    await deps.email!.setUnsubscribed(token, !resubscribe);
    return c.body(page(resubscribe ? 'resubscribed' : 'unsubscribed', target.siteName, target.language, token), 200, pageHeaders);
  });

  // A transcript's confirmation link (server/email/transcript.ts): the page asks, its buttons post.
  const askPage = (view: TranscriptPageView, ask: { siteName: string; email: string; language?: string } | null, token: string) =>
    transcriptPage(view, { siteName: ask?.siteName ?? '', email: ask?.email ?? '', language: ask?.language, action: `${Routes.transcriptConfirm}?t=${encodeURIComponent(token)}` });
  app.get(Routes.transcriptConfirm, async (c) => {
    const token = c.req.query('t') ?? '';
    const ask = deps.email ? await deps.email.transcriptAsk(token) : null;
    return c.body(askPage(ask ? 'ask' : 'invalid', ask, token), ask ? 200 : 404, pageHeaders);
  });
  app.post(Routes.transcriptConfirm, deps.writeLimit.perIp('transcript-confirm'), async (c) => {
    const token = c.req.query('t') ?? '';
    const form = new URLSearchParams(new TextDecoder().decode(await readLimitedBody(c, 4096, 'Form')));
    const action = form.get('action') === 'send' ? 'send' : 'decline';
    const done = deps.email ? await deps.email.confirmTranscript(token, action) : null;
    if (!done) return c.body(askPage('invalid', null, token), 404, pageHeaders);
    return c.body(askPage(done.outcome, done, token), 200, pageHeaders);
  });
}

/** The outbox page: 50 by default, never above limits.maxPageSize. */
function outboxQuery(q: { status?: (typeof OUTBOX_STATUSES)[number]; cursor?: string; limit?: number }, maxPageSize: number) {
  return { status: q.status, cursor: q.cursor ?? null, limit: Math.min(q.limit ?? 50, maxPageSize) };
}
