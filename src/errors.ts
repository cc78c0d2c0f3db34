/** One entry of the HTTP API's 422 body (seed 002's `HTTPValidationError`). */
export interface ErrorDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** String error codes; the HTTP layer maps each to a status. */
export const ERROR_STATUS = {
  validation_failed: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  setting_locked: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  service_unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure with a code a caller can act on; its message is safe to show a user. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: ErrorDetail[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A 422 with one or more `{loc, msg, type}` entries. */
export function validationError(detail: ErrorDetail[]): AppError {
  const first = detail[0];
  const summary = first ? `${first.loc.join('.')}: ${first.msg}` : 'invalid input';
  return new AppError('validation_failed', summary, detail);
}
