import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Signed values in emails: the reply address that names a conversation, and unsubscribe links. Each
 * purpose has its own key, derived from the server secret with HKDF, so a signature made for one
 * purpose is worthless for another and the secret itself never signs anything seen outside.
 */
export interface EmailKeys {
  /** The local part `reply+<conversation>.<mac>` of a conversation's reply address (lowercase: some mail systems fold case). */
  replyLocalPart(conversationId: string): string;
  /** The conversation a reply address names, or null when it is not one of ours or its signature does not match. */
  conversationOfReplyAddress(address: string): string | null;
  /** A token for unsubscribe links: who (visitor or staff member) on which site. */
  unsubscribeToken(who: Unsubscriber): string;
  verifyUnsubscribeToken(token: string): Unsubscriber | null;
  /** A token for the link that confirms a typed address before a transcript goes to it (transcript.ts). */
  transcriptToken(ask: TranscriptAsk): string;
  /** Null when forged, tampered with or past `until`. */
  verifyTranscriptToken(token: string, now: number): TranscriptAsk | null;
}

/** A visitor asked for the transcript of a conversation at a typed address; the link works until `until`. */
export interface TranscriptAsk {
  conversationId: string;
  email: string;
  until: number;
}

export interface Unsubscriber {
  kind: 'visitor' | 'staff';
  id: string;
  siteId: string;
}

const MAC_CHARS = 16; // 80 bits of base32
const key = (secret: string, purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'parley-email', purpose, 32));

export function createEmailKeys(secret: string): EmailKeys {
  const replyKey = key(secret, 'reply-address v1');
  const unsubscribeKey = key(secret, 'unsubscribe v1');
  const transcriptKey = key(secret, 'transcript confirm v1');
  const transcriptMac = (payload: string) => createHmac('sha256', transcriptKey).update(payload).digest('base64url').slice(0, 22);
  const replyMac = (conversationId: string) => base32(createHmac('sha256', replyKey).update(conversationId).digest()).slice(0, MAC_CHARS);
  const unsubscribeMac = (payload: string) => createHmac('sha256', unsubscribeKey).update(payload).digest('base64url').slice(0, 22);

  return {
    replyLocalPart: (conversationId) => `reply+${base32(Buffer.from(conversationId, 'utf8'))}.${replyMac(conversationId)}`,
    conversationOfReplyAddress(address) {
      const m = /^reply\+([a-z2-7]{1,200})\.([a-z2-7]{16})@/.exec(address.trim().toLowerCase());
      if (!m) return null;
      const conversationId = fromBase32(m[1]);
      if (conversationId === null || !/^[\w-]{1,128}$/.test(conversationId)) return null;
      return equal(replyMac(conversationId), m[2]) ? conversationId : null;
    },
    unsubscribeToken(who) {
      const payload = `${who.kind === 'visitor' ? 'v' : 's'}.${who.siteId}.${who.id}`;
      return `${Buffer.from(payload).toString('base64url')}.${unsubscribeMac(payload)}`;
    },
    verifyUnsubscribeToken(token) {
      const m = /^([\w-]{1,400})\.([\w-]{22})$/.exec(token);
      if (!m) return null;
      const payload = Buffer.from(m[1], 'base64url').toString('utf8');
      if (!equal(unsubscribeMac(payload), m[2])) return null;
      const [k, siteId, id] = payload.split('.');
      if ((k !== 'v' && k !== 's') || !siteId || !id) return null;
      return { kind: k === 'v' ? 'visitor' : 'staff', siteId, id };
    },
    transcriptToken(ask) {
      const payload = JSON.stringify([ask.conversationId, ask.email, ask.until]);
      return `${Buffer.from(payload).toString('base64url')}.${transcriptMac(payload)}`;
    },
    verifyTranscriptToken(token, now) {
      const m = /^([\w-]{1,800})\.([\w-]{22})$/.exec(token);
      if (!m) return null;
      const payload = Buffer.from(m[1], 'base64url').toString('utf8');
      if (!equal(transcriptMac(payload), m[2])) return null;
      const [conversationId, email, until] = JSON.parse(payload) as [string, string, number];
      return until > now ? { conversationId, email, until } : null;
    },
  };
}

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lowercase, unpadded: case-insensitive, and only characters every mail system keeps. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(s: string): string | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return null;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}
