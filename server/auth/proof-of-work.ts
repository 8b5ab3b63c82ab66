import { createHash, randomBytes } from 'node:crypto';
import { derivedHmac } from './derived-hmac.ts';
import type { ProofOfWorkChallenge } from '../../protocol/index.ts';
import { fail } from '../errors.ts';

/**
 * Optional proof of work for new visitor sessions (site setting `proofOfWork`, in bits): opening a
 * session costs the server a row and nothing else, so a site under attack can make each new visitor's
 * browser spend about a second first, which a script opening thousands pays thousands of times.
 * Challenges are stateless (`<site>.<exp>.<random>.<hmac>`, valid two minutes); a solved one is taken
 * once per process (remembered until it expires).
 */
export interface ProofOfWork {
  challenge(siteId: string, bits: number): ProofOfWorkChallenge;
  /** Throws `pow_required` unless `pow` solves a live challenge of this site at `bits`. */
  verify(siteId: string, bits: number, pow: { challenge: string; nonce: string } | undefined): void;
}

const TTL_MS = 120_000;

export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function createProofOfWork(secret: string, now: () => number): ProofOfWork {
  const hmac = derivedHmac(secret, 'proof of work');
  const used = new Map<string, number>();
  const required = (why: string): never => fail('pow_required', `${why} Solve a challenge from GET /api/v1/visitor/challenge and send it as pow.`);
  return {
    challenge(siteId, bits) {
      const exp = now() + TTL_MS;
      const body = `${siteId}.${exp}.${randomBytes(12).toString('base64url')}`;
      return { challenge: `${body}.${hmac.sign(body)}`, difficulty: bits, expiresAt: exp };
    },
    verify(siteId, bits, pow) {
      if (!pow) return required('This site asks new visitors for a proof of work.');
      const parts = pow.challenge.split('.');
      const [site, exp] = parts;
      const body = parts.slice(0, 3).join('.');
      if (parts.length !== 4 || site !== siteId || !hmac.verify(body, parts[3])) return required('The challenge is not valid.');
      const t = now();
      if (!(Number(exp) > t)) return required('The challenge has expired.');
      if (used.has(pow.challenge)) return required('The challenge was already used.');
      const hash = createHash('sha256').update(`${pow.challenge}:${pow.nonce}`).digest();
      if (leadingZeroBits(hash) < bits) return required('The proof of work does not solve the challenge.');
      for (const [c, e] of used) if (e <= t) used.delete(c);
      used.set(pow.challenge, Number(exp));
    },
  };
}
