import type { Bus } from '../bus/bus.ts';
import type { Config } from '../config.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Store } from '../store/store.ts';
import type { Timers } from './domain.ts';
import type { PresenceRegistry } from './presence.ts';
import type { StaffNames } from './staff-names.ts';
import type { TypingTracker } from './typing.ts';
import type { UnreadNotifier } from './unread.ts';
import type { PublishErrorHandler } from './routing.ts';

/** What every use case gets: the ports plus the in-memory registries one domain instance owns. */
export interface DomainContext {
  store: Store;
  bus: Bus;
  /** Committed durable events go here (publish.ts); listeners read them in cursor order. */
  feeds: Feeds;
  config: Config;
  now: () => number;
  timers: Timers;
  presence: PresenceRegistry;
  typing: TypingTracker;
  unread: UnreadNotifier;
  staffNames: StaffNames;
  /** Where bus failures after a commit are reported (they do not fail the caller). */
  onPublishError: PublishErrorHandler;
  /** Removes an attachment's stored bytes (a deleted message's files are gone, not just hidden). Reports its own failures. */
  removeAttachmentFile?: (storagePath: string) => Promise<void>;
}
