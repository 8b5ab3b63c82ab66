import type { WidgetState } from './state.ts';

/**
 * Whether the pre-chat form stands before the composer (site setting preChatEmail): always until the
 * visitor gives an address, or ('offline') only while nobody is available and before they have written.
 */
export function preChatFirst(s: WidgetState): boolean {
  const m = s.site?.settings.preChatEmail;
  // true: sites saved before the modes ('always').
  return !s.emailGiven && s.phase === 'ready' && (m === 'offline' ? s.availability !== 'online' && !s.messages.length : !!m && m !== 'off');
}
