import type { Catalogue } from '../../../i18n/translate.ts';
import { settingsAr } from './ar.ts';
import { settingsDe } from './de.ts';
import { settingsEn, type SettingsKey } from './en.ts';
import { settingsEs } from './es.ts';
import { settingsFr } from './fr.ts';

/** The settings area's catalogues by locale (en.ts says what they are). */
export type SettingsMessages = Catalogue<SettingsKey>;
export type { SettingsKey };
export const SETTINGS_LOCALES: Record<string, SettingsMessages> = { en: settingsEn, de: settingsDe, fr: settingsFr, es: settingsEs, ar: settingsAr };
