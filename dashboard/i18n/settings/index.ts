import type { Catalogue } from '../../../i18n/translate.ts';
import { settingsAr } from './ar.ts';
import { settingsDe } from './de.ts';
import { settingsEn, type SettingsKey as BaseKey } from './en.ts';
import { settingsEs } from './es.ts';
import { settingsFr } from './fr.ts';
import { INTEGRATIONS_LOCALES, type IntegrationsKey } from './integrations/index.ts';
import { PRIVACY_LOCALES, type PrivacyKey } from './privacy/index.ts';
import { ROUTING_LOCALES, type RoutingKey } from './routing/index.ts';
import { TEAMS_LOCALES, type TeamsKey } from './teams/index.ts';

/** The settings area's catalogues by locale (en.ts says what they are). */
export type SettingsMessages = Catalogue<BaseKey>;
/** Every settings key: this folder's, the API tokens and Webhooks sections' (integrations/), Hours & assignment's (routing/), Privacy's (privacy/) and Teams' (teams/). */
export type SettingsKey = BaseKey | IntegrationsKey | RoutingKey | PrivacyKey | TeamsKey;
const BASE: Record<string, SettingsMessages> = { en: settingsEn, de: settingsDe, fr: settingsFr, es: settingsEs, ar: settingsAr };
export const SETTINGS_LOCALES: Record<string, Catalogue<SettingsKey>> = Object.fromEntries(
  Object.entries(BASE).map(([lang, table]) => [lang, { ...table, ...INTEGRATIONS_LOCALES[lang], ...ROUTING_LOCALES[lang], ...PRIVACY_LOCALES[lang], ...TEAMS_LOCALES[lang] }]),
);
