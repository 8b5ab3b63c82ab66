import { randomBytes } from 'node:crypto';

/** A site's identity secret: 256 random bits, base64url, shown to the site's admins for their backend. */
export const newIdentitySecret = (): string => randomBytes(32).toString('base64url');
