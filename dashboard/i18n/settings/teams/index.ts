import type { Catalogue } from '../../../../i18n/translate.ts';
import { teamsAr } from './ar.ts';
import { teamsDe } from './de.ts';
import { teamsEn, type TeamsKey } from './en.ts';
import { teamsEs } from './es.ts';
import { teamsFr } from './fr.ts';

/** The Teams section's catalogues by locale (en.ts says what they are). */
export type TeamsMessages = Catalogue<TeamsKey>;
export type { TeamsKey };
export const TEAMS_LOCALES: Record<string, TeamsMessages> = { en: teamsEn, de: teamsDe, fr: teamsFr, es: teamsEs, ar: teamsAr };
