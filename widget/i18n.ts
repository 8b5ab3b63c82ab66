/**
 * Every string the visitor sees, per locale. `{x}` placeholders are filled by `t()`. The locale is the
 * boot option (or data-locale) if supported, else the first supported navigator.languages entry.
 */
const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  chatWith: 'Chat with {site}',
  online: "We're online",
  onlineSub: 'Replies in {time}',
  fewMinutes: 'a few minutes',
  away: "We're away",
  awaySub: 'Leave a message and your email',
  greeting: 'Hi there! How can we help?',
  placeholder: 'Write a message…',
  send: 'Send message',
  attach: 'Attach a file',
  remove: 'Remove {name}',
  pending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  sent: 'Sent',
  read: 'Read',
  typing: '{name} is typing…',
  connecting: 'Connecting…',
  offline: "You're offline. Messages will be sent when the connection is back.",
  unavailable: 'Chat is unavailable right now.',
  reconnect: 'Reconnect',
  older: 'Loading earlier messages…',
  tooLarge: '{name} is larger than {size}.',
  uploadFailed: '{name} could not be uploaded.',
  newMessage: '({n}) New message',
  unread: '{n} unread',
  emailPrompt: 'Leave your email so we can get back to you.',
  emailLabel: 'Your email',
  emailSave: 'Start chat',
  emailInvalid: 'Please enter a valid email address.',
  you: 'You',
  team: 'Support',
  messages: 'Conversation',
  drop: 'Drop files to attach',
  deleted: 'Message deleted',
  jump: 'New messages ↓',
  attachment: 'Attachment',
  textTooLong: 'Message is too long ({n}/{max}).',
  rejected: "We couldn't verify your account. Please reload the page.",
};
export type Strings = typeof en;
export type StringKey = keyof Strings;

const de: Strings = {
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  chatWith: 'Chat mit {site}',
  online: 'Wir sind online',
  onlineSub: 'Antwort in {time}',
  fewMinutes: 'wenigen Minuten',
  away: 'Wir sind gerade nicht da',
  awaySub: 'Hinterlassen Sie eine Nachricht und Ihre E-Mail',
  greeting: 'Hallo! Wie können wir helfen?',
  placeholder: 'Nachricht schreiben…',
  send: 'Nachricht senden',
  attach: 'Datei anhängen',
  remove: '{name} entfernen',
  pending: 'Wird gesendet…',
  failed: 'Nicht gesendet',
  retry: 'Erneut senden',
  discard: 'Löschen',
  sent: 'Gesendet',
  read: 'Gelesen',
  typing: '{name} schreibt…',
  connecting: 'Verbinde…',
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  unavailable: 'Der Chat ist gerade nicht erreichbar.',
  reconnect: 'Neu verbinden',
  older: 'Ältere Nachrichten werden geladen…',
  tooLarge: '{name} ist größer als {size}.',
  uploadFailed: '{name} konnte nicht hochgeladen werden.',
  newMessage: '({n}) Neue Nachricht',
  unread: '{n} ungelesen',
  emailPrompt: 'Hinterlassen Sie Ihre E-Mail, damit wir antworten können.',
  emailLabel: 'Ihre E-Mail',
  emailSave: 'Chat starten',
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  you: 'Sie',
  team: 'Support',
  messages: 'Unterhaltung',
  drop: 'Dateien zum Anhängen ablegen',
  deleted: 'Nachricht gelöscht',
  jump: 'Neue Nachrichten ↓',
  attachment: 'Anhang',
  textTooLong: 'Nachricht ist zu lang ({n}/{max}).',
  rejected: 'Ihr Konto konnte nicht bestätigt werden. Bitte laden Sie die Seite neu.',
};

export const LOCALES: Record<string, Strings> = { en, de };

/** The first supported locale among the preferred ones (language part only), else English. */
export function pickLocale(preferred: ReadonlyArray<string | undefined>): string {
  for (const p of preferred) {
    const lang = (p || '').toLowerCase().split(/[-_]/)[0];
    if (lang && LOCALES[lang]) return lang;
  }
  return 'en';
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(locale: string): Translate {
  const table = LOCALES[locale] || en;
  return (key, vars) => {
    let s = table[key] || en[key];
    if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  };
}

/** "2.5 MB" style sizes for the upload limit message. */
export function formatBytes(n: number): string {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB';
  return Math.round((n / (1024 * 1024)) * 10) / 10 + ' MB';
}
