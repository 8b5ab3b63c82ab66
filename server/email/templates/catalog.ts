import { pickLocale } from '../../../i18n/locale.ts';
import { createTranslator, type Translate } from '../../../i18n/translate.ts';

/**
 * Every string of Parley's emails and of the unsubscribe page, per locale. The locales are the widget's
 * (widget/i18n.ts; catalog.test.ts fails when the widget speaks one these do not), kept here so the
 * widget's bundle carries none of them. `{x}` placeholders are filled by `emailTranslator`.
 */
const en = {
  replySubject: 'New reply from {site}',
  replyHeading: '{site} replied',
  replyIntro: 'You have a new reply in your conversation with {site}:',
  earlier: 'Earlier in the conversation',
  continue: 'Continue the conversation',
  replyHint: 'You can also just reply to this email.',
  replyWhy: 'You get this email because you left your address in the chat on {site}.',
  unsubscribe: 'Stop these emails',
  transcriptSubject: 'Your conversation with {site}',
  transcriptIntro: 'Here is a copy of your conversation with {site}, as of {date}.',
  transcriptWhy: 'You get this email because a copy of the conversation was requested in the chat on {site}.',
  agentSubject: 'Unanswered chat from {visitor}',
  agentHeading: '{visitor} is waiting for an answer',
  agentIntro: 'Not seen in the dashboard for {minutes} min:',
  openDashboard: 'Open in the dashboard',
  agentWhy: 'You get this email as an agent of {site}, for messages nobody has seen.',
  agentOff: 'Turn these emails off',
  attachment: 'Attachment: {name}',
  you: 'You',
  team: 'Support',
  pageTitle: 'Email preferences',
  confirmQuestion: 'Stop emails about your chats with {site}?',
  confirmButton: 'Unsubscribe',
  unsubscribed: 'Done: you will no longer get emails about your chats with {site}.',
  resubscribe: 'Subscribe again',
  resubscribed: 'You will get emails about your chats with {site} again.',
  invalidLink: 'This link is not valid. Please use the link from your most recent email.',
};
export type EmailStrings = typeof en;
export type EmailStringKey = keyof EmailStrings;

const de: EmailStrings = {
  replySubject: 'Neue Antwort von {site}',
  replyHeading: '{site} hat geantwortet',
  replyIntro: 'Sie haben eine neue Antwort in Ihrem Gespräch mit {site}:',
  earlier: 'Zuvor im Gespräch',
  continue: 'Gespräch fortsetzen',
  replyHint: 'Sie können auch einfach auf diese E-Mail antworten.',
  replyWhy: 'Sie erhalten diese E-Mail, weil Sie Ihre Adresse im Chat auf {site} hinterlassen haben.',
  unsubscribe: 'Keine solchen E-Mails mehr',
  transcriptSubject: 'Ihr Gespräch mit {site}',
  transcriptIntro: 'Hier ist eine Kopie Ihres Gesprächs mit {site}, Stand {date}.',
  transcriptWhy: 'Sie erhalten diese E-Mail, weil im Chat auf {site} eine Kopie des Gesprächs angefordert wurde.',
  agentSubject: 'Unbeantworteter Chat von {visitor}',
  agentHeading: '{visitor} wartet auf eine Antwort',
  agentIntro: 'Seit {minutes} Min. im Dashboard ungesehen:',
  openDashboard: 'Im Dashboard öffnen',
  agentWhy: 'Sie erhalten diese E-Mail als Agent von {site}, für Nachrichten, die niemand gesehen hat.',
  agentOff: 'Diese E-Mails abschalten',
  attachment: 'Anhang: {name}',
  you: 'Sie',
  team: 'Support',
  pageTitle: 'E-Mail-Einstellungen',
  confirmQuestion: 'Keine E-Mails mehr zu Ihren Chats mit {site}?',
  confirmButton: 'Abbestellen',
  unsubscribed: 'Erledigt: Sie erhalten keine E-Mails mehr zu Ihren Chats mit {site}.',
  resubscribe: 'Wieder abonnieren',
  resubscribed: 'Sie erhalten wieder E-Mails zu Ihren Chats mit {site}.',
  invalidLink: 'Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer neuesten E-Mail.',
};

const fr: EmailStrings = {
  replySubject: 'Nouvelle réponse de {site}',
  replyHeading: '{site} a répondu',
  replyIntro: 'Vous avez une nouvelle réponse dans votre conversation avec {site} :',
  earlier: 'Plus tôt dans la conversation',
  continue: 'Continuer la conversation',
  replyHint: 'Vous pouvez aussi répondre directement à cet e-mail.',
  replyWhy: 'Vous recevez cet e-mail car vous avez laissé votre adresse dans le chat de {site}.',
  unsubscribe: 'Ne plus recevoir ces e-mails',
  transcriptSubject: 'Votre conversation avec {site}',
  transcriptIntro: 'Voici une copie de votre conversation avec {site}, au {date}.',
  transcriptWhy: 'Vous recevez cet e-mail car une copie de la conversation a été demandée dans le chat de {site}.',
  agentSubject: 'Chat sans réponse de {visitor}',
  agentHeading: '{visitor} attend une réponse',
  agentIntro: 'Non vu dans le tableau de bord depuis {minutes} min :',
  openDashboard: 'Ouvrir dans le tableau de bord',
  agentWhy: 'Vous recevez cet e-mail en tant qu’agent de {site}, pour les messages que personne n’a vus.',
  agentOff: 'Désactiver ces e-mails',
  attachment: 'Pièce jointe : {name}',
  you: 'Vous',
  team: 'Support',
  pageTitle: 'Préférences e-mail',
  confirmQuestion: 'Ne plus recevoir d’e-mails sur vos conversations avec {site} ?',
  confirmButton: 'Se désabonner',
  unsubscribed: 'C’est fait : vous ne recevrez plus d’e-mails sur vos conversations avec {site}.',
  resubscribe: 'Se réabonner',
  resubscribed: 'Vous recevrez de nouveau des e-mails sur vos conversations avec {site}.',
  invalidLink: 'Ce lien n’est pas valide. Utilisez le lien de votre e-mail le plus récent.',
};

const es: EmailStrings = {
  replySubject: 'Nueva respuesta de {site}',
  replyHeading: '{site} ha respondido',
  replyIntro: 'Tienes una nueva respuesta en tu conversación con {site}:',
  earlier: 'Antes en la conversación',
  continue: 'Continuar la conversación',
  replyHint: 'También puedes responder directamente a este correo.',
  replyWhy: 'Recibes este correo porque dejaste tu dirección en el chat de {site}.',
  unsubscribe: 'No recibir más estos correos',
  transcriptSubject: 'Tu conversación con {site}',
  transcriptIntro: 'Aquí tienes una copia de tu conversación con {site}, a fecha de {date}.',
  transcriptWhy: 'Recibes este correo porque se pidió una copia de la conversación en el chat de {site}.',
  agentSubject: 'Chat sin respuesta de {visitor}',
  agentHeading: '{visitor} espera una respuesta',
  agentIntro: 'Sin ver en el panel desde hace {minutes} min:',
  openDashboard: 'Abrir en el panel',
  agentWhy: 'Recibes este correo como agente de {site}, por mensajes que nadie ha visto.',
  agentOff: 'Desactivar estos correos',
  attachment: 'Adjunto: {name}',
  you: 'Tú',
  team: 'Soporte',
  pageTitle: 'Preferencias de correo',
  confirmQuestion: '¿Dejar de recibir correos sobre tus chats con {site}?',
  confirmButton: 'Darse de baja',
  unsubscribed: 'Hecho: ya no recibirás correos sobre tus chats con {site}.',
  resubscribe: 'Volver a suscribirse',
  resubscribed: 'Volverás a recibir correos sobre tus chats con {site}.',
  invalidLink: 'Este enlace no es válido. Usa el enlace de tu correo más reciente.',
};

const ar: EmailStrings = {
  replySubject: 'رد جديد من {site}',
  replyHeading: 'ردّ {site}',
  replyIntro: 'لديك رد جديد في محادثتك مع {site}:',
  earlier: 'في وقت سابق من المحادثة',
  continue: 'متابعة المحادثة',
  replyHint: 'يمكنك أيضًا الرد على هذه الرسالة مباشرة.',
  replyWhy: 'تصلك هذه الرسالة لأنك تركت عنوان بريدك في الدردشة على {site}.',
  unsubscribe: 'إيقاف هذه الرسائل',
  transcriptSubject: 'محادثتك مع {site}',
  transcriptIntro: 'إليك نسخة من محادثتك مع {site} حتى {date}.',
  transcriptWhy: 'تصلك هذه الرسالة لأنه طُلبت نسخة من المحادثة في الدردشة على {site}.',
  agentSubject: 'دردشة بلا رد من {visitor}',
  agentHeading: '{visitor} ينتظر ردًا',
  agentIntro: 'لم تُشاهد في لوحة التحكم منذ {minutes} دقيقة:',
  openDashboard: 'فتح في لوحة التحكم',
  agentWhy: 'تصلك هذه الرسالة بصفتك وكيلًا لدى {site}، عن رسائل لم يشاهدها أحد.',
  agentOff: 'إيقاف هذه الرسائل',
  attachment: 'مرفق: {name}',
  you: 'أنت',
  team: 'الدعم',
  pageTitle: 'تفضيلات البريد',
  confirmQuestion: 'هل تريد إيقاف الرسائل حول محادثاتك مع {site}؟',
  confirmButton: 'إلغاء الاشتراك',
  unsubscribed: 'تم: لن تصلك رسائل بعد الآن حول محادثاتك مع {site}.',
  resubscribe: 'الاشتراك مجددًا',
  resubscribed: 'ستصلك الرسائل حول محادثاتك مع {site} مجددًا.',
  invalidLink: 'هذا الرابط غير صالح. يرجى استخدام الرابط من أحدث رسالة وصلتك.',
};

export const EMAIL_LOCALES: Record<string, EmailStrings> = { en, de, fr, es, ar };

/** The first supported language among the preferred tags, else English: as the widget and dashboard pick (i18n/locale.ts). */
export const pickEmailLocale = (preferred: ReadonlyArray<string | undefined | null>): string =>
  pickLocale(Object.keys(EMAIL_LOCALES), preferred.map((p) => p ?? undefined));

export type EmailTranslate = Translate<EmailStringKey>;

export const emailTranslator = (locale: string): EmailTranslate => createTranslator(locale, EMAIL_LOCALES[locale] ?? en, en);
