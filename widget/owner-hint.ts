import type { RestError } from './session.ts';

/**
 * The console line for the site owner when the embed is wrong: what is wrong and how to fix it. A lazy
 * chunk (only broken embeds need it), in English like the rest of the developer docs.
 */
export interface HintContext {
  siteKey: string;
  /** The page's origin, as the server saw it. */
  origin: string;
  apiBase: string;
}

export function ownerHint(e: RestError, c: HintContext): string {
  const said = ` (server: ${e.code}: ${e.message})`;
  switch (e.code) {
    case 'origin_not_allowed':
      return (
        `Parley: this page's origin ${c.origin} may not embed the site ${c.siteKey}${said}. ` +
        `Add it to the site's allowed origins: npm run cli -- site origins add --site ${c.siteKey} --origin ${c.origin} ` +
        `(or PATCH /api/v1/admin/sites/:id with allowedOrigins). See docs/embedding.md.`
      );
    case 'consent_required':
      return (
        `Parley: the site ${c.siteKey} asks for the visitor's consent before the chat stores anything${said}. ` +
        `The widget now waits until the visitor opens it; add data-require-consent to the script tag (or boot with ` +
        `requireConsent: true) so it does not even load its UI before that. See docs/deploy.md ("Privacy").`
      );
    case 'not_found':
    case 'bad_request':
      return (
        `Parley: ${c.apiBase} knows no site with the key "${c.siteKey}"${said}. ` +
        `Copy the script tag again from the dashboard (its data-site attribute is the site key), or list the keys ` +
        `with npm run cli -- site list; if the key is right, data-api (or apiBase) must point at the Parley server that has it.`
      );
    default:
      return (
        `Parley: the userToken was refused${said}. Sign it on your backend with the site's identity secret ` +
        `(HS256; iss = the site key, aud = "parley", sub = your user id, a future exp); see docs/embedding.md ("Identified visitors").`
      );
  }
}
