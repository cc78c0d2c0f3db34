import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { DashboardSession } from '../db/repositories/dashboard.js';
import { AppError, ERRORS } from '../errors.js';

/** The session cookie's name; scoped to `/app`. */
export const SESSION_COOKIE = 'triage_session';

/** Strict CSP for every `/app` answer: scripts, styles and fonts only from the bot itself. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Headers of every `/app` answer (no referrer, so a sign-in link never leaks onward). */
export const dashboardHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'content-security-policy': DASHBOARD_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  });
  next();
};

/** The value of one cookie of the request. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined; // not a cookie this server set
    }
  }
  return undefined;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure whenever the bot is reached over HTTPS. */
export function setSessionCookie(
  req: Request,
  res: Response,
  id: string,
  maxAgeMs: number,
  publicUrl: string | undefined,
): void {
  res.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure || Boolean(publicUrl?.startsWith('https:')),
    path: '/app',
    maxAge: maxAgeMs,
  });
}

/** The signed-in session `withSession` found. */
export function sessionIn(res: Response): DashboardSession {
  return res.locals.dashboardSession as DashboardSession;
}

/**
 * Finds the session the cookie names (`lookup`); without one, a page answers `onMissing`'s
 * HTML and an `/app/api` call a 401 `session_missing`.
 */
export function withSession(
  lookup: (id: string) => Promise<DashboardSession | undefined>,
  onMissing?: (res: Response) => void,
): RequestHandler {
  return async (req, res, next) => {
    const id = cookieOf(req, SESSION_COOKIE);
    const session = id ? await lookup(id) : undefined;
    if (session) {
      res.locals.dashboardSession = session;
      return next();
    }
    if (onMissing) return onMissing(res);
    throw new AppError('session_missing', ERRORS.session_missing.say);
  };
}

/** Writes carry the session's CSRF token (header `x-csrf-token`, or a form's `csrf` field). */
export const requireCsrf: RequestHandler = (req, res, next) => {
  const given = req.get('x-csrf-token') ?? (req.body as { csrf?: unknown } | undefined)?.csrf;
  const expected = Buffer.from(sessionIn(res).csrf);
  const actual = Buffer.from(typeof given === 'string' ? given : '');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new AppError('csrf_invalid', ERRORS.csrf_invalid.say);
  }
  next();
};
