import type { LinkSigner } from '../auth/link-signer.ts';
import type { Principal } from '../domain/principal.ts';
import { principalKey } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import { attachmentUrl } from './upload.ts';

/**
 * Short-lived signed download links: `/api/v1/attachments/<id>?exp=<unix s>&p=<who>&sig=<hmac>`, what an
 * <img> or a link can carry instead of a visitor's 30-day or a staff member's 7-day token. The link
 * names who it was made for; a download checks the signature and expiry, then the same access rule
 * as ever for that person (a message deleted since is gone at once). A link leaked through a Referer,
 * a proxy log or a shared screenshot is worth `PARLEY_ATTACHMENT_LINK_TTL` seconds, for one file.
 */
export interface SignedLink {
  url: string;
  /** Epoch ms. */
  expiresAt: number;
}

const payload = (id: string, exp: number, who: string) => `${id}\n${exp}\n${who}`;

export function signAttachmentLink(signer: LinkSigner, id: string, p: Principal, now: number, ttlSec: number): SignedLink {
  const exp = Math.floor(now / 1000) + ttlSec;
  const who = principalKey(p);
  const q = new URLSearchParams({ exp: String(exp), p: who, sig: signer.sign(payload(id, exp, who)) });
  return { url: `${attachmentUrl(id)}?${q}`, expiresAt: exp * 1000 };
}

/** The principal a valid link was made for (on the attachment's site), or `unauthorized` with why. */
export function principalOfLink(signer: LinkSigner, id: string, query: { exp?: string; p?: string; sig?: string }, siteId: string, now: number): Principal {
  const { exp, p: who, sig } = query;
  if (!exp || !who || !sig || !/^\d{1,12}$/.test(exp) || !signer.verify(payload(id, Number(exp), who), sig)) {
    return fail('unauthorized', 'This attachment link is not valid.');
  }
  if (Number(exp) * 1000 <= now) fail('token_expired', 'This attachment link has expired; open the file from the conversation again.');
  const [kind, personId] = who.split(':');
  if (kind === 'visitor') return { kind: 'visitor', siteId, visitorId: personId };
  // Staff of the site read every conversation's files but notes' only as staff: the role is not needed.
  if (kind === 'staff') return { kind: 'staff', siteId, staffId: personId, role: 'agent', sessionId: '' };
  return fail('unauthorized', 'This attachment link is not valid.');
}
