import type { EmailConfig } from '../config.ts';
import { addressOf } from './links.ts';

/** Why this server sends no email, or null when it does (PARLEY_SMTP_URL and PARLEY_EMAIL_FROM both set). */
export function emailOffReason(cfg: EmailConfig): string | null {
  if (!cfg.smtpUrl) return 'PARLEY_SMTP_URL is not set.';
  if (!cfg.from || !addressOf(cfg.from)) return 'PARLEY_EMAIL_FROM is not set to an address.';
  return null;
}

export const emailEnabled = (cfg: EmailConfig): boolean => emailOffReason(cfg) === null;
