import { isOriginAllowed } from '../auth/origin.ts';
import type { SiteRecord } from '../store/store.ts';

/**
 * Addresses and links inside emails. A link back to the visitor's page is only ever to one of the
 * site's own origins: the page URL comes from the visitor's browser, and an email from the site's
 * support must not carry someone else's link (a visitor could type a victim's address and report a
 * phishing page as theirs). A site that allows every origin ("*") vouches for none, so gets no link.
 */
export interface EmailLinks {
  /** Absolute URL of the page the visitor chatted on, when it is one of the site's origins. */
  page(site: SiteRecord, url: string | undefined): string | null;
  unsubscribe(token: string): string;
  /** The page that confirms a typed address before a transcript is sent to it. */
  confirmTranscript(token: string): string;
  conversationInDashboard(conversationId: string): string;
}

export function createEmailLinks(baseUrl: () => string): EmailLinks {
  const base = () => baseUrl().replace(/\/+$/, '');
  return {
    page(site, url) {
      if (!url) return null;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return null;
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
      if (parsed.username || parsed.password) return null;
      const patterns = site.allowedOrigins.filter((o) => o !== '*');
      return isOriginAllowed(patterns, parsed.origin) ? parsed.href : null;
    },
    unsubscribe: (token) => `${base()}/email/unsubscribe?t=${encodeURIComponent(token)}`,
    confirmTranscript: (token) => `${base()}/email/transcript?t=${encodeURIComponent(token)}`,
    conversationInDashboard: (id) => `${base()}/dashboard/c/${encodeURIComponent(id)}`,
  };
}

/** `"Name" <address>` with the name's quotes and line breaks removed (a site name cannot inject headers). */
export function mailbox(name: string, address: string): string {
  const clean = name.replace(/[\r\n"\\<>]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean ? `"${clean}" <${address}>` : address;
}

/** The bare address of "Name <a@b>" or "a@b"; null when there is none. */
export function addressOf(from: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(from);
  return m ? m[1] : null;
}
