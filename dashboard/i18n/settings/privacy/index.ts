import type { Catalogue } from '../../../../i18n/translate.ts';
import { privacyAr } from './ar.ts';
import { privacyDe } from './de.ts';
import { privacyEn, type PrivacyKey } from './en.ts';
import { privacyEs } from './es.ts';
import { privacyFr } from './fr.ts';

/** The Privacy section's catalogues by locale (en.ts says what they are). */
export type PrivacyMessages = Catalogue<PrivacyKey>;
export type { PrivacyKey };
export const PRIVACY_LOCALES: Record<string, PrivacyMessages> = { en: privacyEn, de: privacyDe, fr: privacyFr, es: privacyEs, ar: privacyAr };
