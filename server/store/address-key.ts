import { createHash } from 'node:crypto';

/**
 * How an email address is kept on the suppression list (email_address_optouts): the SHA-256 of the
 * address trimmed and lower-cased. The list must outlive the visitor who unsubscribed (another device,
 * an erasure), and a hash keeps it from being a list of addresses. Matches the PostgreSQL backfill's
 * `encode(sha256(convert_to(lower(btrim(email)), 'UTF8')), 'hex')` for every ASCII address.
 */
export function addressKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
