import express, { Router, type Response } from 'express';
import type { DashboardSession } from '../../db/repositories/dashboard.js';
import type { BotDeps } from '../../deps.js';
import { listConversations } from '../../services/desk/conversations.js';
import { dashboardOverview } from '../../services/dashboard/overview.js';
import { requestPage } from '../../services/dashboard/pages.js';
import { settingsView, writeSettingsView } from '../../services/dashboard/settings.js';
import { requireCsrf, sessionIn, withSession } from '../dashboard-auth.js';
import { ConversationIdParams } from '../schemas.js';
import { ConversationListQuery, type ConversationList } from '../conversation-schemas.js';
import {
  OverviewQuery,
  SettingsViewQuery,
  type DashboardSettingsResponse,
  type OverviewResponse,
} from '../dashboard-schemas.js';
import { parseInput } from '../parse.js';
import { notFound } from '../errors.js';

/**
 * The JSON the dashboard's pages read, for the signed-in session's workspace only: the same
 * services, filters and validation as `/api/v1` (a settings write is `PATCH
 * /api/v1/workspace/settings`'s body), writes guarded by the session's CSRF token.
 */
export function dashboardApiRoutes(
  deps: BotDeps,
  lookup: (id: string) => Promise<DashboardSession | undefined>,
): Router {
  const router = Router();
  router.use(withSession(lookup));
  router.use(express.json({ limit: '64kb', strict: true }));
  const caller = (res: Response) => {
    const { teamId, userId } = sessionIn(res);
    return { teamId, userId };
  };

  router.get('/overview', async (req, res) => {
    const query = parseInput(OverviewQuery, req.query, 'query');
    res.json(
      (await dashboardOverview(deps, sessionIn(res).teamId, query)) satisfies OverviewResponse,
    );
  });
  router.get('/conversations', async (req, res) => {
    const query = parseInput(ConversationListQuery, req.query, 'query');
    res.json((await listConversations(deps, caller(res), query)) satisfies ConversationList);
  });
  router.get('/conversations/:id', async (req, res) => {
    const { id } = parseInput(ConversationIdParams, req.params, 'path');
    res.json(await requestPage(deps, sessionIn(res), id));
  });
  router.get('/settings', async (req, res) => {
    const { channel_id } = parseInput(SettingsViewQuery, req.query, 'query');
    const view = await settingsView(deps, sessionIn(res), channel_id);
    res.json(view satisfies DashboardSettingsResponse);
  });
  router.post('/settings', requireCsrf, async (req, res) => {
    const { channel_id } = parseInput(SettingsViewQuery, req.query, 'query');
    const view = await writeSettingsView(deps, sessionIn(res), channel_id, req.body);
    res.json(view satisfies DashboardSettingsResponse);
  });
  router.use(notFound);
  return router;
}
