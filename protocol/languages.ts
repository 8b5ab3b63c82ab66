/**
 * Languages the widget has a catalogue for (widget/i18n.ts): what a site may pick as its widget's
 * default language. protocol/languages.test.ts keeps the two in step.
 */
export const WIDGET_LANGUAGES = ['en', 'de'] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];
