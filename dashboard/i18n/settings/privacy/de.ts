import type { PrivacyMessages } from './index.ts';

/** German strings of the Privacy section; keys and placeholders as in en.ts. */
export const privacyDe: PrivacyMessages = {
  'settings.privacy': "Datenschutz",
  'privacy.intro': "Was Parley über Besucher speichert, wie lange, und ihre Anfragen auf Auskunft oder Löschung (siehe docs/deploy.md, Privacy).",
  'privacy.consent': "Besucher zuerst um Einwilligung bitten",
  'privacy.consentHint': "Bis ein Besucher den Chat öffnet (oder Ihre Seite Parley('consent', true) aufruft), wird nur widget.js geladen und weder im Browser noch auf dem Server etwas gespeichert. Fügen Sie das Installations-Snippet neu ein: Es enthält dann data-require-consent.",
  'privacy.tombstone': "Unterhaltungen gelöschter Besucher als leere Einträge für Berichte behalten",
  'privacy.tombstoneHint': "Status, Zeiten, Zuständige und die Bewertungszahl bleiben; alle Texte, Dateien, Namen und Adressen werden gelöscht. Aus: Die Unterhaltungen werden gelöscht.",
  'privacy.retention': "Unterhaltungen löschen, die erledigt sind seit mehr als",
  'privacy.retentionDays': "Tagen (leer: behalten)",
  'privacy.save': "Datenschutz speichern",
  'privacy.saved': "Datenschutz-Einstellungen gespeichert.",
  'privacy.requests': "Anfrage eines Besuchers",
  'privacy.requestsHint': "Finden Sie alles über eine Person anhand ihrer E-Mail, ihrer Besucher-ID (das Dashboard zeigt sie) oder Ihrer eigenen Benutzer-ID, und exportieren oder löschen Sie es.",
  'privacy.by': "Suchen nach",
  'privacy.by.email': "E-Mail",
  'privacy.by.visitorId': "Besucher-ID",
  'privacy.by.userId': "Ihre Benutzer-ID",
  'privacy.who': "Wer",
  'privacy.export': "Exportieren (JSON und Dateien)",
  'privacy.exported': "Der Export wird heruntergeladen: {file}.",
  'privacy.erase': "Löschen…",
  'privacy.eraseConfirm': "Alles über diese Person löschen? Das kann nicht rückgängig gemacht werden.",
  'privacy.eraseYes': "Ja, löschen",
  'privacy.erased': "Gelöscht: {visitors} Besuchereinträge, {conversations} Unterhaltungen, {files} Dateien.",
};
