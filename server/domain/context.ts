import type { DurableEvent } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';
import type { Config } from '../config.ts';
import type { Feeds } from '../feed/feeds.ts';
import type { Throttle } from '../net/throttle.ts';
import type { Store } from '../store/store.ts';
import type { Timers } from './domain.ts';
import type { PresenceRegistry } from './presence.ts';
import type { StaffNames } from './staff-names.ts';
import type { TypingTracker } from './typing.ts';
import type { UnreadNotifier } from './unread.ts';
import type { VisitorUpdatePacer } from './visitor-update-pacer.ts';
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
  /** visitor.updated to staff, at most once per visitor per config.visitorUpdateMs. */
  visitorUpdates: VisitorUpdatePacer;
  /** Rate limits shared by all of a key's connections (and processes, with Redis); none: not limited. */
  throttle?: Throttle;
  /**
   * Routing (automatic assignment, assignment/): told of this process's commits and of staff presence
   * changes, so the queue moves at once. Set once the domain is wired.
   */
  assignment?: { committed(siteId: string, events: DurableEvent[]): void; staffChanged(siteId: string): void; settingsChanged(siteId: string): void };
  /** A limit refused someone: the server logs it as a security event. */
  onLimit?: (limit: string, who: Record<string, string | undefined>) => void;
}
