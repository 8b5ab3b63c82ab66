import type { WidgetState } from './state.ts';

/**
 * Whether the pre-chat form stands before the composer (site setting preChatEmail): always until the
 * visitor gives an address, or ('offline') only while nobody is available and before they have written;
 * and the team choice before a new conversation, when the site offers one.
 */
export function preChatFirst(s: WidgetState): boolean {
  const m = s.site?.settings.preChatEmail;
  // The team choice (site setting teamPicker) stands before a new conversation until the visitor picks.
  if (s.phase === 'ready' && s.site!.settings.teamPicker && !s.teamChosen && !s.messages.length) return true;
  // true: sites saved before the modes ('always').
  return !s.emailGiven && s.phase === 'ready' && (m === 'offline' ? s.availability !== 'online' && !s.messages.length : !!m && m !== 'off');
}
