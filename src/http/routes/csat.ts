import express, { Router, type Response } from 'express';
import type { BotDeps } from '../../deps.js';
import { CSAT_PAGE_CSP, csatNotFoundPage, csatThanksPage } from '../../email/csat.js';
import { commentByLink, rateByLink, type LinkOutcome } from '../../services/email/csat.js';

/** Headers of every CSAT page: no script anywhere, never framed, cached or sent on as a referrer. */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSAT_PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store, private',
};

function answer(res: Response, outcome: LinkOutcome | { kind: 'invalid' }): void {
  if (outcome.kind === 'missing') {
    res.status(404).set(HEADERS).send(csatNotFoundPage());
    return;
  }
  res
    .status(outcome.kind === 'invalid' ? 422 : 200)
    .set(HEADERS)
    .send(csatThanksPage(outcome as Extract<LinkOutcome, { kind: 'ok' }>));
}

/**
 * CSAT by e-mail (issue 15): `GET /csat/<token>/<rating>` records the rating the link names and
 * answers a thank-you page (with a comment form under `request_for_text_feedback`);
 * `POST /csat/<token>/comment` stores the comment. The token (128 random bits, in the mail only)
 * is the credential, so the form needs no other CSRF token: a page elsewhere cannot know it.
 * An unknown, malformed or expired token gets a 404 page, and nothing is written.
 */
export function csatRoutes(deps: BotDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  router.get('/csat/:token/:choice', async (req, res) => {
    answer(res, await rateByLink(deps, req.params.token, req.params.choice));
  });
  router.post('/csat/:token/comment', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    answer(res, await commentByLink(deps, req.params.token, body.comment));
  });
  return router;
}
