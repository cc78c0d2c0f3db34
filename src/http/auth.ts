import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Models } from '../db/models/index.js';
import { tokenOwner } from '../db/repositories/api-tokens.js';

/** The workspace the request's bearer token belongs to, set by `requireToken`. */
export function teamOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.teamId as string;
}

/** The Slack user who created the request's bearer token, set by `requireToken`. */
export function tokenCreatorOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.tokenCreator as string;
}

/** `Authorization: Bearer <token>`; 401 when absent, malformed, unknown or revoked. */
export function requireToken(models: Models): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) throw new AppError('token_missing', 'missing bearer token');
    const owner = await tokenOwner(models, match[1]);
    if (!owner) throw new AppError('token_invalid', 'unknown or revoked token');
    res.locals.teamId = owner.teamId;
    res.locals.tokenCreator = owner.createdBy;
    next();
  };
}
