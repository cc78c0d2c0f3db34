import { randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { DbRateStore } from '../../services/web-requests/rate-store.js';
import type { BotDeps } from '../../deps.js';
import { checkWebForm, isHoneypotted, WebFormBody } from '../../requests/web-form.js';
import {
  submitWebRequest,
  webFormTarget,
  workspaceOfHost,
  type WebTarget,
} from '../../services/web-requests/submit.js';
import {
  formMalformedPage,
  formNotFoundPage,
  formPage,
  formFailedPage,
  formRateLimitedPage,
  thanksPage,
  WEB_FORM_CSP,
} from '../web-form-page.js';

/** Headers of every form page: no script anywhere, never framed, cached or sent on as a referrer. */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': WEB_FORM_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store, private',
};

/** A Slack team (or Enterprise Grid org) id, as the form's address names its workspace. */
const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const RATE_WINDOW_MS = 10 * 60_000;

const send = (res: Response, status: number, page: string) =>
  void res.status(status).set(HEADERS).send(page);

const newToken = () => randomBytes(16).toString('hex');

/**
 * The public support form (issue 12): `GET /support/<team id>` serves the workspace's form and
 * `POST` to the same address opens a request; where a request's `Host` is a workspace's
 * `requests.config.host_domain`, `/` and `/support` serve that workspace's form too. Without
 * `web_request_redirection_channel` there is no form (404).
 *
 * No cookie, no session, no CSRF token: the form carries no one's authority, so a post made
 * from another site can do nothing a visitor could not do by filling the form themselves. The
 * hidden form token only names the submission, so a double submit opens one request. Spam is
 * kept out by a honeypot field, a per-IP rate limit on posts (counted in the database, so it holds
 * across instances; the client's IP behind a proxy with `TRUST_PROXY`) and a body size limit.
 */
export function webFormRoutes(deps: BotDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: RATE_WINDOW_MS,
    limit: deps.env.WEB_FORM_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Counted in the database: one limit across every instance of the bot.
    store: new DbRateStore(deps, 'web-form'),
    handler: (_req, res) => send(res, 429, formRateLimitedPage()),
  });
  const body = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 });
  /** The body parser, its refusals (too large: 413, unreadable: 400) answered as pages. */
  const parse = (req: Request, res: Response, next: NextFunction) =>
    body(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status === 413 ? 413 : 400;
      send(res, status, formMalformedPage());
    });

  const byTeam = async (req: Request) => {
    const teamId = String(req.params.teamId);
    return TEAM_ID.test(teamId) ? webFormTarget(deps, teamId) : null;
  };
  const byHost = async (req: Request) => {
    const teamId = await workspaceOfHost(deps, req.hostname);
    return teamId ? webFormTarget(deps, teamId) : null;
  };

  router.get('/support/:teamId', async (req, res) => show(res, await byTeam(req)));
  router.post('/support/:teamId', limiter, parse, async (req, res) =>
    submit(deps, req, res, await byTeam(req)),
  );
  // A host of its own: the same form at `/` and `/support`; other hosts fall through.
  router.get(['/', '/support'], async (req, res, next) => {
    const target = await byHost(req);
    if (!target) return next();
    show(res, target);
  });
  router.post(['/', '/support'], async (req, res, next) => {
    const target = await byHost(req);
    if (!target) return next();
    limiter(req, res, () => parse(req, res, () => void submit(deps, req, res, target)));
  });
  return router;
}

function show(res: Response, target: WebTarget | null): void {
  if (!target) return send(res, 404, formNotFoundPage());
  send(res, 200, formPage({ token: newToken(), values: {}, errors: {} }));
}

async function submit(deps: BotDeps, req: Request, res: Response, target: WebTarget | null) {
  if (!target) return send(res, 404, formNotFoundPage());
  const parsed = WebFormBody.safeParse(req.body);
  if (!parsed.success) return send(res, 400, formMalformedPage());
  const posted = parsed.data;
  // Filled by a bot: a thank-you page like any other, and nothing stored or posted.
  if (isHoneypotted(posted)) return send(res, 200, thanksPage(newToken().slice(0, 24)));
  const checked = checkWebForm(posted);
  if (!checked.ok) {
    const { token, name, email, subject, message } = posted;
    const values = { name, email, subject, message };
    return send(res, 422, formPage({ token, values, errors: checked.errors }));
  }
  try {
    const request = await submitWebRequest(deps, target, checked.form, posted.token);
    send(res, 200, thanksPage(request ? String(request._id) : null));
  } catch (error) {
    // The same token posted again finds whatever this attempt finished (`submitWebRequest`).
    deps.logger.error({ err: error, teamId: target.teamId }, 'web request not taken');
    send(res, 503, formFailedPage());
  }
}
