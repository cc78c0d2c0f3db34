import type { DashboardSession } from '../../db/repositories/dashboard.js';
import type { BotDeps } from '../../deps.js';
import type { HistoryEntry } from '../../requests/request.js';
import type { Conversation } from '../../http/conversation-schemas.js';
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
