import type { WidgetState } from './state.ts';

/**
 * Whether the pre-chat form stands before the composer (site setting preChatEmail): always until the
 * visitor gives an address, or ('offline') only while nobody is available and before they have written;
 * and the team choice before a new conversation, when the site offers one.
 */
export function preChatFirst(s: WidgetState): boolean {
  // The team choice (site setting teamPicker) stands before a new conversation until the visitor picks.
  if (s.phase === 'ready' && s.site!.settings.teamPicker && !s.teamChosen && !s.messages.length) return true;
  return preChatEmailFirst(s);
}

/** Whether the pre-chat form asks for the email (site setting preChatEmail), with or without a team choice. */
export function preChatEmailFirst(s: WidgetState): boolean {
  const m = s.site?.settings.preChatEmail;
  // true: sites saved before the modes ('always').
  return !s.emailGiven && s.phase === 'ready' && (m === 'offline' ? s.availability !== 'online' && !s.messages.length : !!m && m !== 'off');
}
