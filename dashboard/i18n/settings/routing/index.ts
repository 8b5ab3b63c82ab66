import type { Catalogue } from '../../../../i18n/translate.ts';
import { routingAr } from './ar.ts';
import { routingDe } from './de.ts';
import { routingEn, type RoutingKey } from './en.ts';
import { routingEs } from './es.ts';
import { routingFr } from './fr.ts';

/** The "Hours & assignment" section's catalogues by locale (en.ts says what they are). */
export type RoutingMessages = Catalogue<RoutingKey>;
export type { RoutingKey };
export const ROUTING_LOCALES: Record<string, RoutingMessages> = { en: routingEn, de: routingDe, fr: routingFr, es: routingEs, ar: routingAr };
