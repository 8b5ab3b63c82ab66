import type { WidgetState } from './state.ts';

/**
 * Whether the widget asks for the visitor's email, and how, so an answer can reach them after they
 * leave. Only while the server sends email (site.email), nobody is online, and no address is known:
 * once the visitor has written, a card under the conversation asks for it ("with the first message").
 * Asking before the first message is the pre-chat form's job (site setting preChatEmail).
 */
export type EmailAsk = 'card' | null;

export function emailAsk(s: WidgetState): EmailAsk {
  if (!s.site?.email || s.emailKnown || !s.availability || s.availability === 'online') return null;
  const wrote = s.messages.some((m) => m.author.kind === 'visitor') || s.outbox.length > 0;
  return wrote ? 'card' : null;
}

/** Whether the visitor may ask for the conversation by email (the server sends email, and there is a conversation). */
export const canEmailTranscript = (s: WidgetState): boolean => !!s.site?.email && !!s.conversationId && s.messages.length > 0;

