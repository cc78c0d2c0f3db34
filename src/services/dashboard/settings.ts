import { ADMIN_ONLY } from '../../dashboard/sign-in.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { DashboardSession } from '../../db/repositories/dashboard.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Provenance } from '../../settings/index.js';

type SettingsDeps = Pick<BotDeps, 'models' | 'settings'>;

/** The settings page: one level's effective settings with provenance, and the levels to pick. */
export interface SettingsView {
  team_id: string;
  level: 'workspace' | 'channel';
  channel_id: string | null;
  provenance: Record<string, Provenance>;
  /** Keys this level locks for the levels below (none at channel level). */
  locks: string[];
  editable: boolean;
  channels: { id: string; name: string; kind: string }[];
}

/**
 * The workspace's settings (defaults and locks), or one channel's as it resolves them through
 * its account and the workspace (`channel_not_found`, or `forbidden_workspace` for another's).
 */
export async function settingsView(
  deps: SettingsDeps,
  session: DashboardSession,
  channelId?: string,
): Promise<SettingsView> {
  const { teamId } = session;
  const names = await new ChannelStore(deps.models).names(teamId);
  const common = {
    team_id: teamId,
    editable: session.role === 'administrator',
    channels: names.map((c) => ({ id: c.channelId, name: c.name, kind: c.kind })),
  };
  if (channelId) {
    const channel = await deps.settings.channel(teamId, channelId);
    const { provenance } = await deps.settings.forChannel(channel, true);
    return {
      ...common,
      level: 'channel',
      channel_id: channelId,
      provenance: provenance ?? {},
      locks: [],
    };
  }
  const { provenance, locks } = await deps.settings.workspace(teamId, true);
  return { ...common, level: 'workspace', channel_id: null, provenance: provenance ?? {}, locks };
}

/**
 * A settings write from the page, at the workspace or at one channel: the same bodies and
 * validation as `PATCH /api/v1/workspace/settings` and `/channels/{id}/settings`
 * (`SettingsService.write`); an agent is refused before anything is read.
 */
export async function writeSettingsView(
  deps: SettingsDeps,
  session: DashboardSession,
  channelId: string | undefined,
  body: unknown,
): Promise<SettingsView> {
  if (session.role !== 'administrator') throw new AppError('forbidden_role', ADMIN_ONLY);
  const { teamId } = session;
  if (channelId) await deps.settings.channel(teamId, channelId);
  await deps.settings.write(
    channelId ? { level: 'channel', teamId, channelId } : { level: 'workspace', teamId },
    body,
  );
  return settingsView(deps, session, channelId);
}
