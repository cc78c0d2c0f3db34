import { ADMIN_ONLY } from '../../dashboard/sign-in.js';
import type { DashboardSession } from '../../db/repositories/dashboard.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { HistoryEntry } from '../../requests/request.js';
import type { Conversation } from '../../http/conversation-schemas.js';
import type { WorkspaceSettings } from '../../settings/effective.js';
import { getConversation, requestOf } from '../desk/conversations.js';

/** A request's page: the conversation (as the API shows it) and its history, oldest first. */
export async function requestPage(
  deps: Pick<BotDeps, 'models' | 'settings'>,
  session: DashboardSession,
  id: string,
): Promise<{ conversation: Conversation; history: HistoryEntry[] }> {
  const caller = { teamId: session.teamId, userId: session.userId };
  const conversation = await getConversation(deps, caller, id);
  const { history } = await requestOf(deps, session.teamId, id);
  return { conversation, history };
}

/** The workspace's effective settings with provenance and locks, and whether the viewer may edit. */
export async function settingsPage(
  deps: Pick<BotDeps, 'settings'>,
  session: DashboardSession,
): Promise<WorkspaceSettings & { editable: boolean }> {
  const settings = await deps.settings.workspace(session.teamId, true);
  return { ...settings, editable: session.role === 'administrator' };
}

/**
 * A workspace settings write from the page: the same body and validation as
 * `PATCH /api/v1/workspace/settings` (`SettingsService.write`); an agent is refused.
 */
export async function writeSettings(
  deps: Pick<BotDeps, 'settings'>,
  session: DashboardSession,
  body: unknown,
): Promise<WorkspaceSettings & { editable: boolean }> {
  if (session.role !== 'administrator') throw new AppError('forbidden_role', ADMIN_ONLY);
  await deps.settings.write({ level: 'workspace', teamId: session.teamId }, body);
  return settingsPage(deps, session);
}
