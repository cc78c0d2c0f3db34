import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Models } from '../db/models/index.js';
import { callerForToken } from '../db/repositories/api-tokens.js';

/** The workspace the request's bearer token belongs to, set by `requireToken`. */
export function teamOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.teamId as string;
}

/** The name of the token the request came with (its prefix), for what it writes to say who did it. */
export function tokenNameOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.tokenName as string;
}

/** `Authorization: Bearer <token>`; 401 when absent, malformed, unknown or revoked. */
export function requireToken(models: Models): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) throw new AppError('token_missing', 'missing bearer token');
    const caller = await callerForToken(models, match[1]);
    if (!caller) throw new AppError('token_invalid', 'unknown or revoked token');
    res.locals.teamId = caller.teamId;
    res.locals.tokenName = caller.tokenName;
    next();
  };
}
