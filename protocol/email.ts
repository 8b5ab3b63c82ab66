import { MAX_EMAIL } from './limits.ts';

/**
 * An email address as people type it: something@domain.tld, no spaces. The schema set uses the same
 * pattern; this dependency-free check is for clients (the widget's forms) that must not load validators.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_PATTERN = EMAIL.source;

export function isEmail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_EMAIL && EMAIL.test(v);
}
