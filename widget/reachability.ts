import type { WidgetState } from './state.ts';

/**
 * Whether someone can answer, as the live connection says (never guessed while connecting): outside
 * business hours nobody can; inside, nobody when no agent is online. What the widget does then is the
 * site's `whenOffline`: `chat` (default: chat on, the email card asks for an address), `form` (the
 * offline form: email first, then the message), `hide` (no launcher for a visitor without a chat).
 * Outside hours the offline form is shown whatever the setting, with the time the team is back.
 */
/** Availability is known: the session is open and the live connection's hello said who is online. */
export const isLive = (s: WidgetState): boolean => s.phase === 'ready' && s.connection === 'connected' && !!s.availability;

export const closedNow = (s: WidgetState): boolean => isLive(s) && !!s.hours && !s.hours.open;

/**
 * Agents are there but none takes this visitor now: all chose busy, or every online one is at capacity
 * and the visitor has no conversation yet or theirs waits in the queue (one an agent has is answered).
 * Callers look at closedNow first.
 */
export const agentsBusy = (s: WidgetState): boolean =>
  isLive(s) && (s.availability === 'busy' || (!!s.capacity?.full && s.availability === 'online' && (!s.conversationId || queuePlace(s) !== undefined)));

export const nobodyCanAnswer = (s: WidgetState): boolean => closedNow(s) || (isLive(s) && s.availability === 'offline');

const hasChat = (s: WidgetState) => !!s.conversationId || s.messages.length > 0 || s.outbox.length > 0;

/** Ask for the visitor's email before their first message: the offline form. */
export const offlineFormFirst = (s: WidgetState): boolean =>
  !s.emailKnown && !hasChat(s) && (closedNow(s) || (nobodyCanAnswer(s) && s.site?.settings.whenOffline === 'form'));

/** `whenOffline: 'hide'`: no launcher while nobody can answer, unless the visitor already has a chat (or it is open). */
export const hideForOffline = (s: WidgetState): boolean => s.site?.settings.whenOffline === 'hide' && nobodyCanAnswer(s) && !hasChat(s) && !s.open;

/** The open conversation's place in the queue for an agent, if it waits. */
export const queuePlace = (s: WidgetState): number | undefined => (s.conversationId ? s.queue[s.conversationId] : undefined);
