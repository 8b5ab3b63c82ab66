import { translator } from './i18n.ts';
/**
 * The strings of files in the chat (ui/FileParts.tsx, uploads.ts), per locale. They live with those lazy
 * chunks rather than in the main catalogues, so a first open does not carry them ('uploadFailed' stays
 * there: it is what the visitor reads when the upload chunk itself cannot be fetched). Every widget
 * locale must be here (i18n.test.ts checks it).
 */
const en = {
  remove: 'Remove {name}',
  tooLarge: '{name} is larger than {size}.',
  drop: 'Drop files to attach',
  attachment: 'Attachment',
};
export type FileStringKey = keyof typeof en;

const de: typeof en = {
  remove: '{name} entfernen',
  tooLarge: '{name} ist größer als {size}.',
  drop: 'Dateien zum Anhängen ablegen',
  attachment: 'Anhang',
};

const fr: typeof en = {
  remove: 'Retirer {name}',
  tooLarge: '{name} dépasse {size}.',
  drop: 'Déposez des fichiers à joindre',
  attachment: 'Pièce jointe',
};

const es: typeof en = {
  remove: 'Quitar {name}',
  tooLarge: '{name} supera {size}.',
  drop: 'Suelta archivos para adjuntarlos',
  attachment: 'Adjunto',
};

const ar: typeof en = {
  remove: 'إزالة {name}',
  tooLarge: '{name} أكبر من {size}.',
  drop: 'أفلت الملفات لإرفاقها',
  attachment: 'مرفق',
};

export const FILE_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const fileStrings = (locale: string) => translator(FILE_STRINGS[locale] || en);
