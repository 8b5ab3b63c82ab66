/**
 * The strings of the Privacy settings section (issue 20), in English: the reference for de, fr, es and
 * ar in this folder. settings/index.ts merges them into the settings area's catalogues.
 */
export const privacyEn = {
  'settings.privacy': 'Privacy',
  'privacy.intro': 'What Parley keeps about visitors, for how long, and their requests to see or delete it (see docs/deploy.md, Privacy).',
  'privacy.consent': 'Ask visitors for consent first',
  'privacy.consentHint': 'Until a visitor opens the chat (or your page calls Parley(\'consent\', true)) nothing is loaded beyond widget.js and nothing is stored in their browser or on the server. Paste the installation snippet again: it then carries data-require-consent.',
  'privacy.tombstone': 'Keep erased visitors\' conversations as empty records for reports',
  'privacy.tombstoneHint': 'Status, times, assignee and the rating\'s score stay; every text, file, name and address goes. Off: the conversations are deleted.',
  'privacy.retention': 'Delete conversations resolved more than',
  'privacy.retentionDays': 'days ago (empty: keep them)',
  'privacy.save': 'Save privacy settings',
  'privacy.saved': 'Privacy settings saved.',
  'privacy.requests': 'A visitor\'s request',
  'privacy.requestsHint': 'Find everything about one person by their email, their visitor id (the dashboard shows it) or your own user id, then export it or erase it.',
  'privacy.by': 'Find by',
  'privacy.by.email': 'Email',
  'privacy.by.visitorId': 'Visitor id',
  'privacy.by.userId': 'Your user id',
  'privacy.who': 'Who',
  'privacy.export': 'Export (JSON and files)',
  'privacy.exported': 'The export is downloading: {file}.',
  'privacy.erase': 'Erase…',
  'privacy.eraseConfirm': 'Erase everything about this person? This cannot be undone.',
  'privacy.eraseYes': 'Yes, erase',
  'privacy.erased': 'Erased: {visitors} visitor records, {conversations} conversations, {files} files.',
};
export type PrivacyKey = keyof typeof privacyEn;
