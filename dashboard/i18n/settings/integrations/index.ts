import type { Catalogue } from '../../../../i18n/translate.ts';
import { integrationsAr } from './ar.ts';
import { integrationsDe } from './de.ts';
import { integrationsEn, type IntegrationsKey } from './en.ts';
import { integrationsEs } from './es.ts';
import { integrationsFr } from './fr.ts';

/** The API tokens and Webhooks sections' catalogues by locale (en.ts says what they are). */
export type IntegrationsMessages = Catalogue<IntegrationsKey>;
export type { IntegrationsKey };
export const INTEGRATIONS_LOCALES: Record<string, IntegrationsMessages> = { en: integrationsEn, de: integrationsDe, fr: integrationsFr, es: integrationsEs, ar: integrationsAr };
