import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff password hashing with scrypt (memory-hard, built into Node, no native addon).
 * Stored format: `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be raised later
 * and old hashes still verify with the parameters they were made with.
 */
/**
 * OWASP's scrypt minimum (N = 2^17, r = 8, p = 1: 128 MiB, a few hundred ms); older hashes are upgraded
 * at login. The server sets N from PARLEY_PASSWORD_HASH_COST at start (setPasswordHashCost), so a small
 * machine or a test server can choose a lower cost; everything that hashes reads it from here.
 */
export const DEFAULT_PARAMS = { N: 1 << 17, r: 8, p: 1 };

export function setPasswordHashCost(log2N: number): void {
  DEFAULT_PARAMS.N = 1 << log2N;
}
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Upper bounds on parameters read back from a stored hash, so a corrupt row cannot exhaust memory. */
const MAX_N = 1 << 20;
const MAX_RP = 16;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params.N, params.r, params.p);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for any hash that is not in our format; never throws on bad input. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return false;
  if (r < 1 || r > MAX_RP || p < 1 || p > MAX_RP) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (salt.length === 0 || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, N, r, p);
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (so a login should replace it). */
export function needsRehash(stored: string, params = DEFAULT_PARAMS): boolean {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  return N < params.N || r < params.r || p < params.p;
}

/**
 * A hash of a random password, verified against when no staff member has the given email, so a
 * login for an unknown email takes as long as one for a known email (no account enumeration by timing).
 */
const decoys = new Map<number, Promise<string>>();
export function decoyHash(): Promise<string> {
  // One per cost: it must cost what a real check costs now.
  let decoy = decoys.get(DEFAULT_PARAMS.N);
  if (!decoy) decoys.set(DEFAULT_PARAMS.N, (decoy = hashPassword(randomBytes(16).toString('hex'))));
  return decoy;
}

/** A readable random password for CLI-created staff (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
