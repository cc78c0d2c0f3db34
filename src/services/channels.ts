import { AppError, validationError } from '../errors.js';
import { DeskTeamStore } from '../db/repositories/desk-teams.js';
import type { Models } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import type { ChannelUpdate } from '../channels/channel.js';
import { planChannelUpdate } from '../channels/resource.js';
import type { SettingsService } from './settings.js';

/**
 * Applies a `ChannelUpdate` as {@link planChannelUpdate} decides: with a setting to change, one
 * settings write that also sets the channel's own fields (one update of the channel document);
 * otherwise just those fields.
 */
export async function updateChannel(
  models: Models,
  settings: SettingsService,
  teamId: string,
  channelId: string,
  change: ChannelUpdate,
): Promise<void> {
  const plan = planChannelUpdate(change);
  const teamIdOfDesk = plan.fields.routing?.deskTeamId;
  if (teamIdOfDesk && !(await new DeskTeamStore(models).exists(teamId, teamIdOfDesk))) {
    throw validationError([
      { loc: ['body', 'team_id'], msg: `unknown team ${teamIdOfDesk}`, type: 'value_error' },
    ]);
  }
  if (plan.settings) {
    await settings.write({ level: 'channel', teamId, channelId }, plan.settings, plan.fields);
    return;
  }
  if (!(await new ChannelStore(models).set(teamId, channelId, plan.fields)))
    throw new AppError('channel_not_found', `unknown channel ${channelId}`);
}
