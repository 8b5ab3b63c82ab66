import { translator } from './i18n.ts';
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
  deleteData: 'Delete my data',
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
  deleteData: 'Meine Daten löschen',
};

const fr: typeof en = {
  title: 'Vos conversations',
  back: 'Retour au chat',
  newConversation: 'Nouvelle conversation',
  empty: 'Aucune conversation pour le moment.',
  noMessages: 'Aucun message pour le moment',
  you: 'Vous : {text}',
  unread: '{n} non lu(s)',
  resolved: 'Cette conversation est résolue.',
  startNew: 'Commencer une nouvelle conversation',
  rateAsk: 'Comment s’est passée cette conversation ?',
  rateLabel: '{n} sur 5',
  commentLabel: 'Quelque chose à ajouter ? (facultatif)',
  rateSend: 'Envoyer la note',
  rated: 'Merci pour votre note !',
  change: 'Modifier',
  rateFailed: 'La note n’a pas pu être envoyée : {reason}',
  'status.open': 'Ouverte',
  'status.pending': 'Ouverte',
  'status.snoozed': 'Ouverte',
  'status.resolved': 'Résolue',
  deleteData: 'Supprimer mes données',
};

const es: typeof en = {
  title: 'Tus conversaciones',
  back: 'Volver al chat',
  newConversation: 'Nueva conversación',
  empty: 'Aún no hay conversaciones.',
  noMessages: 'Aún no hay mensajes',
  you: 'Tú: {text}',
  unread: '{n} sin leer',
  resolved: 'Esta conversación está resuelta.',
  startNew: 'Iniciar una nueva conversación',
  rateAsk: '¿Qué tal fue esta conversación?',
  rateLabel: '{n} de 5',
  commentLabel: '¿Algo que añadir? (opcional)',
  rateSend: 'Enviar valoración',
  rated: '¡Gracias por tu valoración!',
  change: 'Cambiar',
  rateFailed: 'No se pudo enviar la valoración: {reason}',
  'status.open': 'Abierta',
  'status.pending': 'Abierta',
  'status.snoozed': 'Abierta',
  'status.resolved': 'Resuelta',
  deleteData: 'Eliminar mis datos',
};

const ar: typeof en = {
  title: 'محادثاتك',
  back: 'العودة إلى الدردشة',
  newConversation: 'محادثة جديدة',
  empty: 'لا توجد محادثات بعد.',
  noMessages: 'لا توجد رسائل بعد',
  you: 'أنت: {text}',
  unread: '{n} غير مقروءة',
  resolved: 'تم حل هذه المحادثة.',
  startNew: 'بدء محادثة جديدة',
  rateAsk: 'كيف كانت هذه المحادثة؟',
  rateLabel: '{n} من 5',
  commentLabel: 'هل تود إضافة شيء؟ (اختياري)',
  rateSend: 'إرسال التقييم',
  rated: 'شكرًا على تقييمك!',
  change: 'تغيير',
  rateFailed: 'تعذّر إرسال التقييم: {reason}',
  'status.open': 'مفتوحة',
  'status.pending': 'مفتوحة',
  'status.snoozed': 'مفتوحة',
  'status.resolved': 'تم الحل',
  deleteData: 'حذف بياناتي',
};

export const LIFECYCLE_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const lifecycleStrings = (locale: string) => translator(LIFECYCLE_STRINGS[locale] || en);
