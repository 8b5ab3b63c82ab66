import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * What a staff password must be (NIST SP 800-63B, OWASP ASVS 2.1): at least MIN_PASSWORD_LENGTH
 * characters, not the account's email (or its local part), and not one of the most common passwords.
 * No composition rules: length is what makes a password strong; "Password1!" rules do not.
 *
 * The list is shipped, offline (common-passwords.ts says where it comes from).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
  return common;
}

/** Why this password may not be used, as a sentence; null when it may. */
export function passwordProblem(password: string, email: string): string | null {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.normalize('NFKC').toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0];
  if (lower === address || (local.length >= 4 && lower === local)) return 'A password may not be your email address.';
  if (commonPasswords().has(lower)) return 'This password is one of the most common ones; pick another (a few unrelated words work well).';
  return null;
}
