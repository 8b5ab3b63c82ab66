import type { Strings } from '../i18n.ts';

/** Deutsch. */
const de: Strings = {
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  conversations: 'Ihre Gespräche',
  chatWith: 'Chat mit {site}',
  online: 'Wir sind online',
  onlineSub: 'Antwort in {time}',
  fewMinutes: 'wenigen Minuten',
  away: 'Wir sind gerade nicht da',
  awaySub: 'Hinterlassen Sie eine Nachricht, wir melden uns',
  greeting: 'Hallo! Wie können wir helfen?',
  placeholder: 'Nachricht schreiben…',
  send: 'Nachricht senden',
  attach: 'Datei anhängen',
  connecting: 'Verbinde…',
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  notHere: 'Der Chat ist auf dieser Seite nicht verfügbar.',
  unreachable: 'Der Server ist nicht erreichbar. Neuer Versuch läuft…',
  reconnect: 'Neu verbinden',
  uploadFailed: '{name} konnte nicht hochgeladen werden.',
  newMessage: '({n}) Neue Nachricht',
  unread: '{n} ungelesen',
  messages: 'Unterhaltung',
  textTooLong: 'Nachricht ist zu lang ({n}/{max}).',
  rejected: 'Ihr Konto konnte nicht bestätigt werden. Bitte laden Sie die Seite neu.',
  minimize: 'Chat minimieren',
};
export default de;
