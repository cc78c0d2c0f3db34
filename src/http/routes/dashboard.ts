import express, { Router, type Response } from 'express';
import type { BotDeps } from '../../deps.js';
import { sessionOf, signIn, signOut } from '../../services/dashboard/sign-in.js';
import { dashboardAssetsDir } from '../dashboard-assets.js';
import {
  cookieOf,
  dashboardHeaders,
  requireCsrf,
  SESSION_COOKIE,
  sessionIn,
  setSessionCookie,
  withSession,
} from '../dashboard-auth.js';
import { dashboardPage, messagePage, signInPage, type PageName } from '../dashboard-pages.js';
import { dashboardApiRoutes } from './dashboard-api.js';

const NOT_SIGNED_IN =
  'You are not signed in (or your session ended). Run /triage dashboard in Slack for a sign-in link.';

/**
 * The web dashboard at `/app`: sign-in with a one-time link, the pages (server-rendered shells
 * filled by the bundled script from `/app/api/*`), and the bundle itself.
 */
export function dashboardRoutes(deps: BotDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const lookup = (id: string) => sessionOf(deps, id);
  const signedIn = withSession(lookup, (res) => {
    res.status(401).type('html').send(messagePage('Sign in', NOT_SIGNED_IN));
  });
  router.use(dashboardHeaders);
  router.use('/assets', express.static(dashboardAssetsDir(), { index: false, fallthrough: false }));

  router.get('/login', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    res.type('html').send(signInPage(token));
  });
  router.post('/login', form, async (req, res) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    const outcome = await signIn(deps, typeof token === 'string' ? token : '');
    if (!outcome.ok) {
      res
        .status(outcome.status)
        .type('html')
        .send(messagePage('Sign-in link refused', outcome.say));
      return;
    }
    setSessionCookie(req, res, outcome.session.id, outcome.maxAgeMs, deps.env.PUBLIC_URL);
    res.redirect(303, '/app');
  });
  router.post('/logout', form, signedIn, requireCsrf, async (req, res) => {
    await signOut(deps, cookieOf(req, SESSION_COOKIE) ?? '');
    res.clearCookie(SESSION_COOKIE, { path: '/app' });
    res.type('html').send(messagePage('Signed out', 'You are signed out of the dashboard.'));
  });

  router.use('/api', dashboardApiRoutes(deps, lookup));

  const page = (name: PageName, res: Response, options = {}) => {
    const { role, userId, csrf } = sessionIn(res);
    res.type('html').send(dashboardPage(name, { role, userId, csrf }, options));
  };
  router.get('/', signedIn, (_req, res) => page('overview', res));
  router.get('/requests', signedIn, (req, res) => {
    const query = Object.fromEntries(
      Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    page('requests', res, { query });
  });
  router.get('/requests/:id', signedIn, (req, res) => page('request', res, { id: req.params.id }));
  router.get('/settings', signedIn, (_req, res) => page('settings', res));
  router.use((_req, res) => {
    res.status(404).type('html').send(messagePage('Not found', 'There is no such dashboard page.'));
  });
  return router;
}
