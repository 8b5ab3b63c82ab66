import type { Config, EmailConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Throttle } from '../net/throttle.ts';
import type { Store } from '../store/store.ts';
import type { EmailKeys } from './keys.ts';
import type { EmailLinks } from './links.ts';

/** What the email use cases share: the store, the settings, keys and links, this process's id and clock. */
export interface EmailContext {
  store: Store;
  config: EmailConfig;
  limits: Config['limits'];
  keys: EmailKeys;
  links: EmailLinks;
  /** The From address (PARLEY_EMAIL_FROM's address part); the site's name is shown as its display name. */
  fromAddress: string;
  /** Domain of reply addresses and Message-IDs. */
  replyDomain: string;
  /** This process, as lease owner. */
  owner: string;
  now: () => number;
  log: Logger;
  /** Quotas on what visitors have the site send (transcript.ts), shared across processes with Redis. */
  throttle: Throttle;
  quotas: Pick<Config['serverLimits'], 'transcriptConfirmsPerAddress' | 'transcriptsPerSitePerHour'>;
}

/** What deciding one notification produced: how far it covers, when to look again, what to send. */
export interface NoticeDecision {
  notifiedSeq: number;
  nextDueAt: number | null;
  emails: import('../store/email-records.ts').NewOutboxEmail[];
}
