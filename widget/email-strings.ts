import { translator } from './i18n.ts';
/**
 * The strings of the widget's email parts (ui/EmailParts.tsx, ui/PreChat.tsx), per locale. They live
 * with those lazy chunks rather than in the main catalogues, so the first open does not carry them; the widget's locales must all be
 * here (i18n.test.ts checks it).
 */
const en = {
  transcript: 'Email me this conversation',
  emailCardTitle: 'Get the answer by email',
  emailCardBody: "Nobody is online right now. Leave your email and we'll send the answer there too.",
  emailCardSave: 'Notify me',
  transcriptAsk: 'Where should we send it?',
  transcriptSend: 'Send',
  transcriptSending: 'Sending…',
  transcriptSent: 'Sent to {email}.',
  transcriptConfirm: "We sent a link to {email}: open it, and the conversation follows by email.",
  transcriptFailed: 'The conversation could not be sent. Please try again later.',
  transcriptDone: 'Done',
  emailPrompt: 'Leave your email so we can get back to you.',
  emailLabel: 'Your email',
  emailSave: 'Start chat',
  emailInvalid: 'Please enter a valid email address.',
  emailThanks: "Thanks! We'll also answer at {email}.",
  teamPrompt: 'What can we help you with?',
  teamRequired: 'Please choose one.'
};
export type EmailStringKey = keyof typeof en;

const de: typeof en = {
  transcript: 'Gespräch per E-Mail senden',
  emailCardTitle: 'Antwort per E-Mail erhalten',
  emailCardBody: 'Gerade ist niemand online. Hinterlassen Sie Ihre E-Mail, dann senden wir die Antwort auch dorthin.',
  emailCardSave: 'Benachrichtigen',
  transcriptAsk: 'Wohin sollen wir es senden?',
  transcriptSend: 'Senden',
  transcriptSending: 'Wird gesendet…',
  transcriptSent: 'Gesendet an {email}.',
  transcriptConfirm: "Wir haben einen Link an {email} gesendet: Öffnen Sie ihn, dann folgt das Gespräch per E-Mail.",
  transcriptFailed: 'Das Gespräch konnte nicht gesendet werden. Bitte versuchen Sie es später erneut.',
  transcriptDone: 'Fertig',
  emailPrompt: 'Hinterlassen Sie Ihre E-Mail, damit wir antworten können.',
  emailLabel: 'Ihre E-Mail',
  emailSave: 'Chat starten',
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  emailThanks: 'Danke! Wir antworten auch an {email}.',
  teamPrompt: 'Wobei können wir helfen?',
  teamRequired: 'Bitte wählen Sie eines aus.'
};

const fr: typeof en = {
  transcript: 'M’envoyer cette conversation par e-mail',
  emailCardTitle: 'Recevoir la réponse par e-mail',
  emailCardBody: 'Personne n’est en ligne pour le moment. Laissez votre e-mail et nous y enverrons aussi la réponse.',
  emailCardSave: 'Me prévenir',
  transcriptAsk: 'Où devons-nous l’envoyer ?',
  transcriptSend: 'Envoyer',
  transcriptSending: 'Envoi…',
  transcriptSent: 'Envoyé à {email}.',
  transcriptConfirm: "Nous avons envoyé un lien à {email} : ouvrez-le, et la conversation suivra par e-mail.",
  transcriptFailed: 'La conversation n’a pas pu être envoyée. Réessayez plus tard.',
  transcriptDone: 'Terminé',
  emailPrompt: 'Laissez votre e-mail pour que nous puissions vous répondre.',
  emailLabel: 'Votre e-mail',
  emailSave: 'Commencer le chat',
  emailInvalid: 'Veuillez saisir une adresse e-mail valide.',
  emailThanks: 'Merci ! Nous répondrons aussi à {email}.',
  teamPrompt: 'Comment pouvons-nous vous aider ?',
  teamRequired: 'Veuillez en choisir un.'
};

const es: typeof en = {
  transcript: 'Enviarme esta conversación por correo',
  emailCardTitle: 'Recibe la respuesta por correo',
  emailCardBody: 'Ahora mismo no hay nadie conectado. Deja tu correo y también te enviaremos allí la respuesta.',
  emailCardSave: 'Avisarme',
  transcriptAsk: '¿A dónde la enviamos?',
  transcriptSend: 'Enviar',
  transcriptSending: 'Enviando…',
  transcriptSent: 'Enviada a {email}.',
  transcriptConfirm: "Hemos enviado un enlace a {email}: ábrelo y la conversación llegará por correo.",
  transcriptFailed: 'No se pudo enviar la conversación. Inténtalo más tarde.',
  transcriptDone: 'Listo',
  emailPrompt: 'Deja tu correo para que podamos responderte.',
  emailLabel: 'Tu correo',
  emailSave: 'Empezar chat',
  emailInvalid: 'Introduce una dirección de correo válida.',
  emailThanks: '¡Gracias! También responderemos a {email}.',
  teamPrompt: '¿En qué podemos ayudarle?',
  teamRequired: 'Elija una opción.'
};

const ar: typeof en = {
  transcript: 'أرسل لي هذه المحادثة بالبريد الإلكتروني',
  emailCardTitle: 'احصل على الرد بالبريد الإلكتروني',
  emailCardBody: 'لا أحد متصل الآن. اترك بريدك الإلكتروني وسنرسل الرد إليه أيضًا.',
  emailCardSave: 'أعلمني',
  transcriptAsk: 'إلى أين نرسلها؟',
  transcriptSend: 'إرسال',
  transcriptSending: 'جارٍ الإرسال…',
  transcriptSent: 'أُرسلت إلى {email}.',
  transcriptConfirm: "أرسلنا رابطًا إلى {email}: افتحه وستصلك المحادثة بالبريد الإلكتروني.",
  transcriptFailed: 'تعذّر إرسال المحادثة. يرجى المحاولة لاحقًا.',
  transcriptDone: 'تم',
  emailPrompt: 'اترك بريدك الإلكتروني لنتمكن من الرد عليك.',
  emailLabel: 'بريدك الإلكتروني',
  emailSave: 'بدء الدردشة',
  emailInvalid: 'يرجى إدخال بريد إلكتروني صالح.',
  emailThanks: 'شكرًا! سنرد أيضًا على {email}.',
  teamPrompt: 'كيف يمكننا مساعدتك؟',
  teamRequired: 'يُرجى اختيار واحد.'
};

export const EMAIL_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const emailStrings = (locale: string) => translator(EMAIL_STRINGS[locale] || en);
