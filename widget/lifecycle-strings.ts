/**
 * The strings of the widget's conversation parts (ui/ConversationParts.tsx: the list, the resolved
 * footer, the rating), per locale. They live with that lazy chunk rather than in the catalogues, so
 * the first open does not carry them; every widget locale must be here (i18n.test.ts checks it).
 */
const en = {
  title: 'Your conversations',
  back: 'Back to the chat',
  newConversation: 'New conversation',
  empty: 'No conversations yet.',
  noMessages: 'No messages yet',
  you: 'You: {text}',
  unread: '{n} unread',
  resolvedBy: '{name} marked this resolved',
  resolved: 'This conversation is resolved.',
  startNew: 'Start a new conversation',
  rateAsk: 'How was this conversation?',
  rateLabel: '{n} of 5',
  commentLabel: 'Anything to add? (optional)',
  rateSend: 'Send rating',
  rated: 'Thanks for your rating!',
  change: 'Change',
  rateFailed: 'The rating could not be sent: {reason}',
  'status.open': 'Open',
  'status.pending': 'Open',
  'status.snoozed': 'Open',
  'status.resolved': 'Resolved',
};
export type LifecycleStringKey = keyof typeof en;

const de: typeof en = {
  title: 'Ihre Gespräche',
  back: 'Zurück zum Chat',
  newConversation: 'Neues Gespräch',
  empty: 'Noch keine Gespräche.',
  noMessages: 'Noch keine Nachrichten',
  you: 'Sie: {text}',
  unread: '{n} ungelesen',
  resolvedBy: '{name} hat dies als gelöst markiert',
  resolved: 'Dieses Gespräch ist gelöst.',
  startNew: 'Neues Gespräch beginnen',
  rateAsk: 'Wie war dieses Gespräch?',
  rateLabel: '{n} von 5',
  commentLabel: 'Möchten Sie etwas ergänzen? (optional)',
  rateSend: 'Bewertung senden',
  rated: 'Danke für Ihre Bewertung!',
  change: 'Ändern',
  rateFailed: 'Die Bewertung konnte nicht gesendet werden: {reason}',
  'status.open': 'Offen',
  'status.pending': 'Offen',
  'status.snoozed': 'Offen',
  'status.resolved': 'Gelöst',
};

export const LIFECYCLE_STRINGS: Record<string, typeof en> = { en, de };

export function lifecycleStrings(locale: string): (key: LifecycleStringKey, vars?: Record<string, string | number>) => string {
  const table = LIFECYCLE_STRINGS[locale] || en;
  return (key, vars) => {
    let s = table[key] || en[key];
    if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  };
}
