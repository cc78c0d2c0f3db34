import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { ErrorCode as BoltErrorCode } from '@slack/bolt';
import { AppError, ERRORS, ErrorCode, errorCode, validationError } from '../../src/errors.js';

/** Builds an error shaped like the Web API client's (its factories are not exported). */
function slackError<T extends object>(code: string, extra: T): Error & T {
  return Object.assign(new Error(code), { code, ...extra });
}

describe('error codes', () => {
  it('gives every code an HTTP status, a public name and a sentence for Slack users', () => {
    for (const code of ErrorCode.options) {
      const { status, error, say } = ERRORS[code];
      expect([code, status >= 400 && status < 600]).toEqual([code, true]);
      expect([code, /^[a-z_]+$/.test(error)]).toEqual([code, true]);
      // A sentence a person reads: capitalised, ended, no code or stack-trace words in it.
      expect([code, /^[A-Z].*[.]$/.test(say), /error|exception|stack/i.test(say)]).toEqual([
        code,
        true,
        false,
      ]);
    }
  });

  it('keeps the HTTP answers the API gave before codes were split', () => {
    const answers = Object.fromEntries(
      ErrorCode.options.map((code) => [code, `${ERRORS[code].status} ${ERRORS[code].error}`]),
    );
    expect(answers).toMatchObject({
      invalid_input: '422 validation_failed',
      malformed_request: '400 bad_request',
      token_missing: '401 unauthorized',
      token_invalid: '401 unauthorized',
      forbidden_workspace: '403 forbidden',
      setting_locked: '403 setting_locked',
      route_not_found: '404 not_found',
      account_not_found: '404 not_found',
      channel_not_found: '404 not_found',
      conflict: '409 conflict',
      payload_too_large: '413 payload_too_large',
      internal: '500 internal',
    });
    expect(validationError([]).status).toBe(422);
  });

  it.each<[string, unknown, ErrorCode]>([
    ['an AppError', new AppError('request_not_found', 'gone'), 'request_not_found'],
    [
      'a rate limit the client was told to reject',
      slackError('slack_webapi_rate_limited_error', { retryAfter: 30 } as WebAPIRateLimitedError),
      'slack_rate_limited',
    ],
    [
      'a rate limit still there after every retry',
      new Error('A rate limit was exceeded (url: conversations.members, retry-after: 1)'),
      'slack_rate_limited',
    ],
    [
      'ok:false, ratelimited',
      slackError('slack_webapi_platform_error', {
        data: { ok: false, error: 'ratelimited' },
      } as WebAPIPlatformError),
      'slack_rate_limited',
    ],
    [
      'a 503 from Slack',
      slackError('slack_webapi_http_error', { statusCode: 503 } as WebAPIHTTPError),
      'slack_unavailable',
    ],
    [
      'a network failure',
      slackError('slack_webapi_request_error', {} as WebAPIRequestError),
      'slack_unavailable',
    ],
    [
      'ok:false, internal_error',
      slackError('slack_webapi_platform_error', { data: { ok: false, error: 'internal_error' } }),
      'slack_unavailable',
    ],
    [
      'ok:false, channel_not_found',
      slackError('slack_webapi_platform_error', {
        data: { ok: false, error: 'channel_not_found' },
      }),
      'slack_refused',
    ],
    [
      'no database server',
      Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' }),
      'database_unavailable',
    ],
    [
      "Bolt's wrapper around an uncoded error",
      Object.assign(new Error('wrapped'), {
        code: BoltErrorCode.UnknownError,
        original: Object.assign(new Error('x'), { name: 'MongoNetworkError' }),
      }),
      'database_unavailable',
    ],
    [
      "Bolt's wrapper around several listeners' errors",
      Object.assign(new Error('many'), {
        code: BoltErrorCode.MultipleListenerError,
        originals: [new AppError('conflict', 'again'), new Error('other')],
      }),
      'conflict',
    ],
    [
      'a failed authorization',
      Object.assign(new Error('auth'), {
        code: BoltErrorCode.AuthorizationError,
        original: new AppError('workspace_not_installed', 'not installed in T0X'),
      }),
      'workspace_not_installed',
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'ts')"), 'internal'],
    ['a thrown string', 'boom', 'internal'],
    ['nothing', undefined, 'internal'],
  ])('reads %s as its code', (_what, error, code) => {
    expect(errorCode(error)).toBe(code);
  });
});
