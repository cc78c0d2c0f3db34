import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Models } from '../db/models/index.js';
import { tokenIdentity, type TokenIdentity } from '../db/repositories/api-tokens.js';

/** The workspace the request's bearer token belongs to, set by `requireToken`. */
export function teamOf(res: { locals: Record<string, unknown> }): string {
  return tokenOf(res).teamId;
}

/** Who the request's bearer token speaks for, set by `requireToken`. */
export function tokenOf(res: { locals: Record<string, unknown> }): TokenIdentity {
  return res.locals.token as TokenIdentity;
}

/** How a change made with the request's token is recorded in history: `api:<token name>`. */
export function changedBy(res: { locals: Record<string, unknown> }): string {
  return `api:${tokenOf(res).name}`;
}

/** `Authorization: Bearer <token>`; 401 when absent, malformed, unknown or revoked. */
export function requireToken(models: Models): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) throw new AppError('token_missing', 'missing bearer token');
    const token = await tokenIdentity(models, match[1]);
    if (!token) throw new AppError('token_invalid', 'unknown or revoked token');
    res.locals.token = token;
    next();
  };
}

/**
 * Lets only an administrator's token through (403 `forbidden_role` for an agent's); with
 * `reads: true`, an agent's token may still read (GET).
 */
export function requireAdmin({ reads = false }: { reads?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (reads && req.method === 'GET') return next();
    if (tokenOf(res).role !== 'administrator') {
      throw new AppError('forbidden_role', 'this needs an administrator token');
    }
    next();
  };
}
