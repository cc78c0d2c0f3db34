import { Router } from 'express';
import { parseChannel, type ChannelDoc, type Models } from '../../db/models/index.js';
import { channelResponse } from '../../channels/resource.js';
import { updateChannel } from '../../services/channels.js';
import type { SettingsService } from '../../services/settings.js';
import { Features } from '../../settings/features.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import { ChannelIdParams, ChannelUpdate } from '../schemas.js';

/** Seed 002's channel resource. */
export function channelRoutes(models: Models, settings: SettingsService): Router {
  const router = Router();
  const render = async (channel: ChannelDoc) =>
    channelResponse(channel, Features.parse((await settings.forChannel(channel, false)).features));

  router.get('/channels', async (_req, res) => {
    const channels = await models.channels
      .find({ teamId: teamOf(res) })
      .sort({ channelId: 1 })
      .lean();
    res.json(await Promise.all(channels.map((channel) => render(parseChannel(channel)))));
  });
  router.get('/channels/:channelId', async (req, res) => {
    const { channelId } = parseInput(ChannelIdParams, req.params, 'path');
    res.json(await render(await settings.channel(teamOf(res), channelId)));
  });
  router.put('/channels/:channelId', async (req, res) => {
    const { channelId } = parseInput(ChannelIdParams, req.params, 'path');
    await settings.channel(teamOf(res), channelId);
    const change = parseInput(ChannelUpdate, req.body, 'body');
    await updateChannel(models, settings, teamOf(res), channelId, change);
    res.json(await render(await settings.channel(teamOf(res), channelId)));
  });
  return router;
}
