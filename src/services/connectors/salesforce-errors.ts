import { VendorError } from '../../connectors/connector.js';

/** Salesforce's `errorCode`s (and the token endpoint's `error`s) by what they mean here. */
const KIND_BY_CODE: Record<string, VendorError['kind']> = {
  INVALID_SESSION_ID: 'unauthorized',
  INVALID_AUTH_HEADER: 'unauthorized',
  INVALID_LOGIN: 'unauthorized',
  invalid_client: 'unauthorized',
  invalid_client_id: 'unauthorized',
  invalid_grant: 'unauthorized',
  unauthorized_client: 'unauthorized',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'not_found',
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  SERVER_UNAVAILABLE: 'unavailable',
  UNKNOWN_EXCEPTION: 'unavailable',
};

/** The HTTP status a jsforce error stands for, when it says (`ERROR_HTTP_503`). */
const STATUS_BY_KIND = { unauthorized: 401, not_found: 404, rate_limited: 403 } as const;

/** A jsforce or network failure as a {@link VendorError}. */
export function vendorError(error: unknown, what: string, write: boolean): VendorError {
  if (error instanceof VendorError) return error;
  const code =
    error instanceof Error ? ((error as { errorCode?: string }).errorCode ?? error.name) : '';
  const message = error instanceof Error ? error.message : String(error);
  const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
  if (http) {
    const status = Number(http[1]);
    const kind =
      status === 429
        ? 'rate_limited'
        : status === 404
          ? 'not_found'
          : status === 401 || status === 403
            ? 'unauthorized'
            : status >= 500
              ? 'unavailable'
              : 'refused';
    return new VendorError(
      kind,
      `${what}: ${message}`.slice(0, 300),
      status,
      null,
      write && kind === 'unavailable',
    );
  }
  const kind = KIND_BY_CODE[code];
  if (kind) {
    const status =
      kind === 'unavailable' ? 503 : (STATUS_BY_KIND[kind as keyof typeof STATUS_BY_KIND] ?? null);
    return new VendorError(
      kind,
      `${what}: ${code}: ${message}`.slice(0, 300),
      status,
      null,
      write && kind === 'unavailable',
    );
  }
  // No answer (refused connection, timeout) or an answer that was no Salesforce error.
  const network = /fetch|ECONN|ETIMEDOUT|socket|abort|timeout/i.test(`${code} ${message}`);
  if (network)
    return new VendorError('unavailable', `${what}: no answer: ${message}`, null, null, write);
  return new VendorError(
    'refused',
    `${what}: ${code ? `${code}: ` : ''}${message}`.slice(0, 300),
    400,
  );
}
