import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ERRORS, errorCode, validationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ErrorBody } from './schemas.js';

/** Unknown API paths answer like every other error, not with Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('route_not_found', `no route for ${req.method} ${req.path}`));
};

/**
 * The single HTTP error handler: an AppError answers its code's status and public name
 * (`ERRORS` in src/errors.ts) in the documented body; body-parser's failures become 422
 * (malformed JSON) or 413 (too large); a Slack or database failure its code (`errorCode`: 502,
 * 503); anything else is a 500 whose details stay in the log, never in the response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const appError = toAppError(error);
    if (appError.code === 'internal')
      logger.error({ err: error, path: req.path }, 'unhandled API error');
    const { status, error: name } = ERRORS[appError.code];
    res.status(status).json({
      ok: false,
      error: name,
      message: appError.message,
      detail:
        appError.detail.length > 0
          ? appError.detail
          : [{ loc: [], msg: appError.message, type: name }],
    } satisfies ErrorBody);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') {
    return validationError([{ loc: ['body'], msg: 'malformed JSON', type: 'json_invalid' }]);
  }
  if (type === 'entity.too.large')
    return new AppError('payload_too_large', 'request body too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return validationError([
      { loc: ['body'], msg: 'unsupported body encoding', type: 'encoding_invalid' },
    ]);
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser (a body not in its declared Content-Encoding) and the router (a path that does
    // not decode) describe the client's mistake.
    const where = type ? 'body' : 'path';
    return new AppError('malformed_request', `malformed request ${where}`, [
      { loc: [where], msg: `malformed request ${where}`, type: 'bad_request' },
    ]);
  }
  // Slack or the database failing under a route (a post Slack refused, a database that is down)
  // answers its own code (502, 503) with the sentence for it, never the error's own text.
  const code = errorCode(error);
  return new AppError(code, code === 'internal' ? 'internal error' : ERRORS[code].say);
}
