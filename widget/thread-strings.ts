import { translator } from './i18n.ts';
/**
 * The strings of the message thread (ui/MessageList.tsx, ui/Bubble.tsx, its system lines: timeline-lines.ts) and the launcher's preview
 * (ui/Preview.tsx), per locale. They live with those lazy chunks rather than in the main catalogues:
 * a first open shows the greeting and the composer, and the thread loads once there are messages (or
 * the visitor starts typing). Every widget locale must be here (i18n.test.ts checks it).
 */
const en = {
  pending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  sent: 'Sent',
  read: 'Read',
  typing: '{name} is typing…',
  older: 'Loading earlier messages…',
  team: 'Support',
  deleted: 'Message deleted',
  jump: 'New messages ↓',
  newFrom: 'New message from {name}',
  dismiss: 'Dismiss',
  attachment: 'Attachment',
  resolvedBy: '{name} marked this resolved',
  reopenedBy: '{name} reopened this conversation',
  reopened: 'Conversation reopened',
  joined: '{name} joined the conversation',
  rated: 'You rated this conversation {score} of 5',
};
export type ThreadStringKey = keyof typeof en;

const de: typeof en = {
  pending: 'Wird gesendet…',
  failed: 'Nicht gesendet',
  retry: 'Erneut senden',
  discard: 'Löschen',
  sent: 'Gesendet',
  read: 'Gelesen',
  typing: '{name} schreibt…',
  older: 'Ältere Nachrichten werden geladen…',
  team: 'Support',
  deleted: 'Nachricht gelöscht',
  jump: 'Neue Nachrichten ↓',
  newFrom: 'Neue Nachricht von {name}',
  dismiss: 'Schließen',
  attachment: 'Anhang',
  resolvedBy: '{name} hat dies als gelöst markiert',
  reopenedBy: '{name} hat dieses Gespräch wieder geöffnet',
  reopened: 'Gespräch wieder geöffnet',
  joined: '{name} ist dem Gespräch beigetreten',
  rated: 'Sie haben dieses Gespräch mit {score} von 5 bewertet',
};

const fr: typeof en = {
  pending: 'Envoi…',
  failed: 'Non envoyé',
  retry: 'Réessayer',
  discard: 'Supprimer',
  sent: 'Envoyé',
  read: 'Lu',
  typing: '{name} écrit…',
  older: 'Chargement des messages précédents…',
  team: 'Support',
  deleted: 'Message supprimé',
  jump: 'Nouveaux messages ↓',
  newFrom: 'Nouveau message de {name}',
  dismiss: 'Ignorer',
  attachment: 'Pièce jointe',
  resolvedBy: '{name} a marqué cette conversation comme résolue',
  reopenedBy: '{name} a rouvert cette conversation',
  reopened: 'Conversation rouverte',
  joined: '{name} a rejoint la conversation',
  rated: 'Vous avez noté cette conversation {score} sur 5',
};

const es: typeof en = {
  pending: 'Enviando…',
  failed: 'No enviado',
  retry: 'Reintentar',
  discard: 'Eliminar',
  sent: 'Enviado',
  read: 'Leído',
  typing: '{name} está escribiendo…',
  older: 'Cargando mensajes anteriores…',
  team: 'Soporte',
  deleted: 'Mensaje eliminado',
  jump: 'Mensajes nuevos ↓',
  newFrom: 'Mensaje nuevo de {name}',
  dismiss: 'Descartar',
  attachment: 'Adjunto',
  resolvedBy: '{name} marcó esto como resuelto',
  reopenedBy: '{name} reabrió esta conversación',
  reopened: 'Conversación reabierta',
  joined: '{name} se unió a la conversación',
  rated: 'Valoraste esta conversación con {score} de 5',
};

const ar: typeof en = {
  pending: 'جارٍ الإرسال…',
  failed: 'لم تُرسل',
  retry: 'إعادة المحاولة',
  discard: 'حذف',
  sent: 'أُرسلت',
  read: 'قُرئت',
  typing: '{name} يكتب…',
  older: 'جارٍ تحميل الرسائل السابقة…',
  team: 'الدعم',
  deleted: 'حُذفت الرسالة',
  jump: 'رسائل جديدة ↓',
  newFrom: 'رسالة جديدة من {name}',
  dismiss: 'تجاهل',
  attachment: 'مرفق',
  resolvedBy: 'وضع {name} علامة الحل على هذه المحادثة',
  reopenedBy: 'أعاد {name} فتح هذه المحادثة',
  reopened: 'أُعيد فتح المحادثة',
  joined: 'انضم {name} إلى المحادثة',
  rated: 'قيّمت هذه المحادثة بـ {score} من 5',
};

export const THREAD_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

export type ThreadTranslate = (key: ThreadStringKey, vars?: Record<string, string | number>) => string;

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const threadStrings = (locale: string) => translator(THREAD_STRINGS[locale] || en);
