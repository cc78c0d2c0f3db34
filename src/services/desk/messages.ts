import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import { MessageStore } from '../../db/repositories/messages.js';
import { RequestActivity } from '../../db/repositories/request-activity.js';
import type { BotDeps } from '../../deps.js';
import { AppError, validationError } from '../../errors.js';
import type { ConversationMessage, MessageList } from '../../http/conversation-schemas.js';
import type { ChannelContext } from '../requests/context.js';
import { runHooks } from '../requests/hooks.js';
import { RequestIntake } from '../requests/intake.js';
import { logStep } from '../requests/triage-card.js';
import { load, type ApiChange } from './changes.js';
import { conversationsOf, requestOf, type Caller } from './conversations.js';

/**
 * `GET /conversations/{id}/messages`: the opening message and the newest 100 stored messages,
 * oldest first; with `before` (a message id), the 100 before it. `meta` counts every message,
 * including those past retention.
 */
export async function listMessages(
  deps: BotDeps,
  caller: Caller,
  id: string,
  before?: string,
): Promise<MessageList> {
  const request = await requestOf(deps, caller.teamId, id);
  const store = new MessageStore(deps.models);
  const from = before ? await store.byId(caller.teamId, before) : undefined;
  if (from === null || (from && !from.requestId.equals(request._id))) {
    throw new AppError('message_not_found', `unknown message ${before}`);
  }
  const thread = await store.of(request._id, from?.ts);
  const [conversation] = await conversationsOf(deps, caller.teamId, [request], thread);
  const messages = conversation?.messages ?? [];
  return {
    meta: {
      incoming_count: request.messageCounts.incoming + 1,
      outgoing_count: request.messageCounts.outgoing,
    },
    // The opening message is the oldest: a page further back has none of it.
    payload: from ? messages.slice(1) : messages,
  };
}

/**
 * A rule's `send_message`: posted as the bot in the request's thread and stored as an outgoing
 * message by the rule (`by`: `rule:<id>:<name>`), so the conversation shows it, its webhook and
 * hooks run (an e-mail request's customer is sent it) but no rule runs on it again and it is no
 * agent's first response.
 */
export async function postRuleMessage(deps: BotDeps, change: ApiChange, text: string) {
  const { request, slack, ctx } = await load(deps, change);
  const posted = await slack.post({ channel: request.channelId, thread_ts: request.rootTs, text });
  const ts = posted?.ts as string;
  const message = { channelId: request.channelId, ts, userId: change.by, text, private: false };
  await keepMessage(deps, ctx, request, message);
}

/**
 * Stores an outgoing message the bot posted (once: null when it was stored already), counts it
 * on the request with its webhook event, then its `messageCreated` hooks.
 */
async function keepMessage(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
  message: Pick<MessageDoc, 'channelId' | 'ts' | 'userId' | 'text' | 'private'>,
): Promise<MessageDoc | null> {
  const stored = await new MessageStore(deps.models).add({
    ...message,
    teamId: request.teamId,
    requestId: request._id,
    kind: 'outgoing',
    createdAt: deps.clock.now(),
  });
  if (!stored) return null;
  const after = await new RequestActivity(deps.models).countMessage(request._id, stored);
  await runHooks(deps.requestHooks, 'messageCreated', deps, ctx, after ?? request, stored);
  return stored;
}

/**
 * `POST /conversations/{id}/messages`: posts `content` as the bot under the agent's name (the
 * token's creator) and stores it. Public: into the customer's thread, as the agent's reply (first
 * response, assignment, in progress: `RequestIntake.postedForAgent`). Private: into the triage
 * card's thread, a note the customer never sees. Slack refusing the post stores nothing.
 */
export async function postMessage(
  deps: BotDeps,
  change: ApiChange,
  input: { content: string; private: boolean },
): Promise<ConversationMessage> {
  const { request, slack, ctx } = await load(deps, change);
  const { triage } = request;
  if (input.private && (!triage.channelId || !triage.ts)) {
    throw validationError([
      {
        loc: ['body', 'private'],
        msg: 'the request has no triage card whose thread could hold a private note',
        type: 'value_error',
      },
    ]);
  }
  const where = input.private
    ? { channel: triage.channelId as string, thread_ts: triage.ts as string }
    : { channel: request.channelId, thread_ts: request.rootTs };
  const agent = await slack.identity(change.userId, logStep(request, 'api_message_identity'));
  const posted = await slack.post({ ...where, text: input.content, ...agent });
  const ts = posted?.ts as string;
  let stored: MessageDoc | null;
  if (input.private) {
    const note = { channelId: where.channel, ts, userId: change.userId, text: input.content };
    stored = await keepMessage(deps, ctx, request, { ...note, private: true });
  } else {
    const text = input.content;
    stored = await new RequestIntake(deps, slack).postedForAgent(ctx, request, change.userId, {
      ts,
      text,
    });
  }
  if (!stored) throw new AppError('conflict', `message ${ts} was stored twice`);
  const [conversation] = await conversationsOf(deps, change.teamId, [request], [stored]);
  return conversation?.messages[1] as ConversationMessage;
}
