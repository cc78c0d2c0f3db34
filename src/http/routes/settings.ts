import { Router } from 'express';
import type { SettingsService } from '../../services/settings.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  AccountIdParams,
  ChannelIdParams,
  ExplainQuery,
  type SettingsResponse,
  type WorkspaceSettingsResponse,
} from '../schemas.js';

const explainOf = (query: unknown) => parseInput(ExplainQuery, query, 'query').explain === 'true';
/** Seed 000's envelope, in the shapes the OpenAPI document publishes. */
const channels = (data: SettingsResponse['data']): SettingsResponse => ({
  ok: true,
  error: null,
  data,
});
const workspace = (data: WorkspaceSettingsResponse['data']): WorkspaceSettingsResponse => ({
  ok: true,
  error: null,
  data,
});

/** Settings at the three levels (DESIGN.md §6); writes return the state after the write. */
export function settingsRoutes(settings: SettingsService): Router {
  const router = Router();

  router.get('/workspace/settings', async (req, res) => {
    res.json(workspace(await settings.workspace(teamOf(res), explainOf(req.query))));
  });
  router.patch('/workspace/settings', async (req, res) => {
    await settings.write({ level: 'workspace', teamId: teamOf(res) }, req.body);
    res.json(workspace(await settings.workspace(teamOf(res), explainOf(req.query))));
  });

  router.get('/accounts/:accountId/settings', async (req, res) => {
    const { accountId } = parseInput(AccountIdParams, req.params, 'path');
    res.json(channels(await settings.account(teamOf(res), accountId, explainOf(req.query))));
  });
  router.patch('/accounts/:accountId/settings', async (req, res) => {
    const { accountId } = parseInput(AccountIdParams, req.params, 'path');
    await settings.write({ level: 'account', teamId: teamOf(res), accountId }, req.body);
    res.json(channels(await settings.account(teamOf(res), accountId, explainOf(req.query))));
  });

  router.get('/channels/:channelId/settings', async (req, res) => {
    const { channelId } = parseInput(ChannelIdParams, req.params, 'path');
    const channel = await settings.channel(teamOf(res), channelId);
    res.json(channels([await settings.forChannel(channel, explainOf(req.query))]));
  });
  router.patch('/channels/:channelId/settings', async (req, res) => {
    const { channelId } = parseInput(ChannelIdParams, req.params, 'path');
    await settings.write({ level: 'channel', teamId: teamOf(res), channelId }, req.body);
    const channel = await settings.channel(teamOf(res), channelId);
    res.json(channels([await settings.forChannel(channel, explainOf(req.query))]));
  });

  return router;
}
