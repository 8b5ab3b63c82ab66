/**
 * The strings of the widget's email parts (ui/EmailParts.tsx), per locale. They live with that lazy
 * chunk rather than in i18n.ts, so the first open does not carry them; the widget's locales must all be
 * here (i18n.test.ts checks it).
 */
const en = {
  transcript: 'Email me this conversation',
  emailCardTitle: 'Get the answer by email',
  emailCardBody: "Nobody is online right now. Leave your email and we'll send the answer there too.",
  emailCardSave: 'Notify me',
  transcriptAsk: 'Where should we send it?',
  transcriptSend: 'Send',
  transcriptSent: 'Sent to {email}.',
  transcriptFailed: 'The conversation could not be sent. Please try again later.',
  transcriptDone: 'Done',
};
export type EmailStringKey = keyof typeof en;

const de: typeof en = {
  transcript: 'Gespräch per E-Mail senden',
  emailCardTitle: 'Antwort per E-Mail erhalten',
  emailCardBody: 'Gerade ist niemand online. Hinterlassen Sie Ihre E-Mail, dann senden wir die Antwort auch dorthin.',
  emailCardSave: 'Benachrichtigen',
  transcriptAsk: 'Wohin sollen wir es senden?',
  transcriptSend: 'Senden',
  transcriptSent: 'Gesendet an {email}.',
  transcriptFailed: 'Das Gespräch konnte nicht gesendet werden. Bitte versuchen Sie es später erneut.',
  transcriptDone: 'Fertig',
};

export const EMAIL_STRINGS: Record<string, typeof en> = { en, de };

export function emailStrings(locale: string): (key: EmailStringKey, vars?: Record<string, string>) => string {
  const table = EMAIL_STRINGS[locale] || en;
  return (key, vars) => {
    let s = table[key] || en[key];
    if (vars) for (const k in vars) s = s.split('{' + k + '}').join(vars[k]);
    return s;
  };
}
