import { DeskTeamStore } from '../../db/repositories/desk-teams.js';
import { channelPrivacy } from '../../channels/privacy.js';
import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import { ConversationStore, type AssigneeType } from '../../db/repositories/conversations.js';
import { MessageStore } from '../../db/repositories/messages.js';
import { RequestStore } from '../../db/repositories/requests.js';
import { SettingsLevels } from '../../db/repositories/settings-levels.js';
import type { BotDeps } from '../../deps.js';
import { CONVERSATION_STATUS, requestStatusesOf } from '../../desk/conversation.js';
import { AppError } from '../../errors.js';
import type {
  Conversation,
  ConversationList,
  ConversationListQuery,
} from '../../http/conversation-schemas.js';
import { messageLink } from '../../text/mrkdwn.js';
import { channelSettings } from '../channel-settings.js';
import { messageOf, openingMessage } from './message-shape.js';
import { unixSeconds } from '../../clock.js';

type DeskDeps = Pick<BotDeps, 'models' | 'settings'>;

/** Conversations per page, as Chatwoot pages them. */
export const PAGE_SIZE = 25;

/** Who calls: the token's workspace and creator (`assignee_type=me`). */
export interface Caller {
  teamId: string;
  userId: string;
}

/**
 * `GET /conversations`: one page of the workspace's requests under seed 003's filters (plus
 * channel, account, severity and a creation window), newest first, with the counts of each
 * assignee type.
 */
export async function listConversations(
  deps: DeskDeps,
  caller: Caller,
  query: ConversationListQuery,
): Promise<ConversationList> {
  const channelIds = await channelScope(deps, caller.teamId, query);
  const assigneeIds = query.team_id
    ? (await new DeskTeamStore(deps.models).get(caller.teamId, query.team_id)).memberIds
    : undefined;
  const messages = new MessageStore(deps.models);
  const { docs, counts } = await new ConversationStore(deps.models).page(
    {
      teamId: caller.teamId,
      statuses: requestStatusesOf(query.status),
      ...(query.labels ? { labels: query.labels } : {}),
      ...(query.q
        ? { q: query.q, withMessages: await messages.requestIdsWith(caller.teamId, query.q) }
        : {}),
      ...(channelIds ? { channelIds } : {}),
      ...(query.severity ? { severity: query.severity } : {}),
      ...(assigneeIds ? { assigneeIds } : {}),
      ...(query.since ? { since: query.since } : {}),
      ...(query.until ? { until: query.until } : {}),
    },
    { type: query.assignee_type as AssigneeType, me: caller.userId },
    { number: query.page, size: PAGE_SIZE },
  );
  return { data: { meta: counts, payload: await conversationsOf(deps, caller.teamId, docs) } };
}

/**
 * `GET /conversations/{id}`: one request of the caller's workspace (404 for any other) with its
 * opening message and the newest 100 stored messages of its threads.
 */
export async function getConversation(
  deps: DeskDeps,
  caller: Caller,
  id: string,
): Promise<Conversation> {
  const request = await requestOf(deps, caller.teamId, id);
  const thread = await new MessageStore(deps.models).of(request._id);
  const [conversation] = await conversationsOf(deps, caller.teamId, [request], thread);
  return conversation as Conversation;
}

/** A request of the workspace by id; `request_not_found` (404) for an unknown or another's. */
export async function requestOf(
  deps: Pick<BotDeps, 'models'>,
  teamId: string,
  id: string,
): Promise<RequestDoc> {
  const request = await new RequestStore(deps.models).byKey(id);
  if (request?.teamId !== teamId)
    throw new AppError('request_not_found', `unknown conversation ${id}`);
  return request;
}

/** The channels a list is limited to: the `channel_id`, an account's, both (their overlap) or any. */
async function channelScope(
  deps: DeskDeps,
  teamId: string,
  query: Pick<ConversationListQuery, 'channel_id' | 'account_id'>,
): Promise<string[] | undefined> {
  if (!query.account_id) return query.channel_id ? [query.channel_id] : undefined;
  const account = await deps.settings.accountDoc(teamId, query.account_id);
  const ids = (await new SettingsLevels(deps.models).accountChannels(account)).map(
    (c) => c.channelId,
  );
  return query.channel_id ? ids.filter((id) => id === query.channel_id) : ids;
}

/** Requests as conversations, each channel's settings read once (privacy, account). */
export async function conversationsOf(
  deps: DeskDeps,
  teamId: string,
  requests: readonly RequestDoc[],
  thread: readonly MessageDoc[] = [],
): Promise<Conversation[]> {
  const settings = await channelSettings(
    deps,
    teamId,
    requests.map((r) => r.channelId),
  );
  return requests.map((request) => {
    const found = settings.get(request.channelId);
    // A channel the bot has no record of may be private: its text is not shown.
    const showText = found
      ? channelPrivacy(found.channel.isPrivate, found.features).showPreview
      : false;
    const accountId = found?.channel.accountId ? String(found.channel.accountId) : null;
    const own = thread.filter((message) => message.requestId.equals(request._id));
    return conversationOf(request, { showText, accountId }, own);
  });
}

/**
 * A request in seed 003's conversation shape. Its messages are the customer's opening message
 * and then `thread` (stored replies and notes; a list shows only the opening message, a read of
 * one the newest 100); their text is null where the channel's privacy hides previews.
 */
export function conversationOf(
  request: RequestDoc,
  { showText, accountId }: { showText: boolean; accountId: string | null },
  thread: readonly MessageDoc[] = [],
): Conversation {
  const id = String(request._id);
  const lastActivity = [
    request.lastCustomerActivityAt,
    request.lastAgentActivityAt,
    request.updatedAt,
  ]
    .filter((at): at is Date => at instanceof Date)
    .reduce((a, b) => (a > b ? a : b));
  return {
    id,
    account_id: accountId,
    channel_id: request.channelId,
    status: CONVERSATION_STATUS[request.status],
    request_status: request.status,
    source: request.source,
    priority: request.priority,
    labels: request.tags,
    severity: request.severity,
    sub_type: request.subType,
    escalated: request.escalated.count > 0,
    custom_attributes: Object.fromEntries(request.customFields.map((f) => [f.key, f.value])),
    crm_case: crmCaseOf(request),
    created_at: unixSeconds(request.createdAt),
    timestamp: unixSeconds(lastActivity),
    first_reply_created_at: request.firstResponseAt ? unixSeconds(request.firstResponseAt) : null,
    link: messageLink(request.channelId, request.rootTs),
    meta: {
      sender: { id: request.requesterId },
      assignee: request.assigneeId ? { id: request.assigneeId } : null,
      channel: request.channelId,
    },
    messages: [
      openingMessage(request, showText),
      ...thread.map((message) => messageOf(message, showText)),
    ],
  };
}

/** The request's Salesforce Case once made, as the API shows it. */
function crmCaseOf(request: RequestDoc): Conversation['crm_case'] {
  const made = request.crmCase;
  if (made?.state !== 'made' || !made.id || !made.url) return null;
  return {
    id: made.id,
    url: made.url,
    status: made.status,
    account_id: made.accountId,
    account_name: made.accountName,
    fields: made.fields,
  };
}
