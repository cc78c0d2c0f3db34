import { AppError } from '../../errors.js';
import { Features } from '../../settings/features.js';
import type { SettingsService } from '../settings.js';

/**
 * The features that apply to a channel: its effective settings when the bot knows it, else the
 * workspace's (a channel that was just created has no account or settings of its own yet).
 */
export async function featuresFor(
  settings: SettingsService,
  teamId: string,
  channelId: string,
): Promise<Features> {
  try {
    return await settings.effective(teamId, channelId);
  } catch (error) {
    const unknown =
      error instanceof AppError &&
      (error.code === 'channel_not_found' || error.code === 'forbidden_workspace');
    if (!unknown) throw error;
    return Features.parse((await settings.workspace(teamId, false)).features);
  }
}
