import { HttpStatusOf, type ErrorCode, type WireError } from '../protocol/index.ts';

/**
 * The one error type the server's layers throw. It carries a stable wire code and a sentence for
 * people; transports turn it into `{ code, message }` (REST status from HttpStatusOf, or a ws error frame).
 */
export class ParleyError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
  }
  get status(): number {
    return HttpStatusOf[this.code];
  }
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new ParleyError(code, message);
};

/** Any thrown value as a wire error; unknown errors become `internal` without leaking details. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ParleyError) return err.toWire();
  return { code: 'internal', message: 'Something went wrong on the server.' };
}
