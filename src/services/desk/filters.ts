import type { RequestDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { ConversationStore } from '../../db/repositories/conversations.js';
import type { BotDeps } from '../../deps.js';
import type { Condition } from '../../desk/automation.js';
import { requestStatusesOf } from '../../desk/conversation.js';
import { filterQuery, namesAccount, namesCustom, type RequestQuery } from '../../desk/filters.js';
import type { ConversationList } from '../../http/conversation-schemas.js';
import { conversationsOf, PAGE_SIZE, type Caller } from './conversations.js';

type FilterDeps = Pick<BotDeps, 'models' | 'settings'>;

/**
 * The conditions as one requests query, with the workspace's accounts when they name one and
 * how many custom attribute values its requests hold when they name a custom attribute.
 */
export async function queryOf(
  deps: Pick<BotDeps, 'models'>,
  teamId: string,
  conditions: readonly Condition[],
): Promise<RequestQuery> {
  const accountChannels = namesAccount(conditions)
    ? await new ChannelStore(deps.models).byAccount(teamId)
    : new Map<string, string[]>();
  const customSlots = namesCustom(conditions)
    ? await new ConversationStore(deps.models).customSlots(teamId)
    : 0;
  return filterQuery(conditions, { accountChannels, customSlots });
}

/**
 * `POST /conversations/filter`: one page of the workspace's requests (any status) the
 * conditions select, newest first, in the conversations list's envelope and counts.
 */
export async function filterConversations(
  deps: FilterDeps,
  caller: Caller,
  conditions: readonly Condition[],
  page: number,
): Promise<ConversationList> {
  const query = await queryOf(deps, caller.teamId, conditions);
  const { docs, counts } = await new ConversationStore(deps.models).page(
    { teamId: caller.teamId, statuses: requestStatusesOf('all'), conditions: query },
    { type: 'all', me: caller.userId },
    { number: page, size: PAGE_SIZE },
  );
  return { data: { meta: counts, payload: await conversationsOf(deps, caller.teamId, docs) } };
}

/** The newest `limit` requests of the workspace the conditions select, and how many in all. */
export async function matchingRequests(
  deps: Pick<BotDeps, 'models'>,
  teamId: string,
  conditions: readonly Condition[],
  limit: number,
): Promise<{ docs: RequestDoc[]; total: number }> {
  const query = await queryOf(deps, teamId, conditions);
  return new ConversationStore(deps.models).matching(teamId, query, limit);
}
