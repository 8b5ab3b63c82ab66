import type { SiteSettings } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { isTimeZone } from './hours/zoned-time.ts';

/**
 * The rules of site settings the schema cannot say: the business hours' time zone is one Intl knows
 * (the server's ICU: every IANA zone), and holidays are dates that exist. Returns the settings as stored.
 */
export function checkSiteSettings(settings: SiteSettings): SiteSettings {
  const hours = settings.businessHours;
  if (hours) {
    if (!isTimeZone(hours.timezone)) fail('bad_request', `settings.businessHours.timezone must be an IANA time zone like Europe/Berlin; "${hours.timezone}" is not one.`);
    hours.holidays?.forEach((d, i) => {
      if (new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) fail('bad_request', `settings.businessHours.holidays[${i}] must be a date that exists; ${d} does not.`);
    });
  }
  return settings;
}
