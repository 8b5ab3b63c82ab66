import { errors } from 'jose';
import { ParleyError } from '../errors.ts';

/**
 * Turns a jose verification failure into a ParleyError with a sentence that says what was wrong,
 * so a site developer debugging their identity JWT sees "wrong audience" rather than "invalid".
 * `what` names the token ("Visitor token", "User token").
 */
export function jwtFailure(err: unknown, what: string): ParleyError {
  if (err instanceof ParleyError) return err;
  if (err instanceof errors.JWTExpired) return new ParleyError('token_expired', `${what} has expired.`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    if (err.reason === 'missing') return new ParleyError('unauthorized', `${what} is missing the required "${claim}" claim.`);
    if (claim === 'aud') return new ParleyError('unauthorized', `${what} has the wrong audience (aud).`);
    if (claim === 'iss') return new ParleyError('unauthorized', `${what} has the wrong issuer (iss).`);
    if (claim === 'nbf') return new ParleyError('unauthorized', `${what} is not valid yet (nbf).`);
    return new ParleyError('unauthorized', `${what} has an invalid "${claim}" claim.`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return new ParleyError('unauthorized', `${what} must be signed with HS256.`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new ParleyError('unauthorized', `${what} has an invalid signature.`);
  if (err instanceof errors.JOSEError) return new ParleyError('unauthorized', `${what} is malformed.`);
  return new ParleyError('unauthorized', `${what} could not be verified.`);
}

// HS256 keys: hmac-keys.ts (imported once as CryptoKeys).
