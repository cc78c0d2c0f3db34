import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { RequestActivity } from '../../db/repositories/request-activity.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { customerReplyMove, routeMessage } from '../../requests/activity.js';
import type { RequestSource } from '../../requests/request.js';
import {
  afterLostGrouping,
  decideThreadReply,
  detectionSettings,
  requestText,
} from '../../requests/detection.js';
import { decideSuggestion, suggestionSettings } from '../../requests/suggestion.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext, type ChannelContext } from './context.js';
import { RequestEffects } from './effects.js';
import { runHooks } from './hooks.js';
import { Replies } from './replies.js';
import { senderOf, type SenderIdentity } from './sender.js';
import { Suggestions } from './suggestions.js';
import { openingRequest } from './opening.js';
import { topLevelDecision } from '../ai/grouping.js';
import { repliesStayOnTicket } from '../../connectors/status.js';

/** A message as the bot needs it, whatever event shape it came in. */
export interface IncomingMessage extends SenderIdentity {
  channelId: string;
  ts: string;
  threadTs?: string;
  text: string;
  /** Names of the files a `file_share` message carries. */
  fileNames?: string[];
  /** Where the customer wrote from, when not in Slack (the bot posted it for them). */
  source?: RequestSource;
}

/** Channel counter increments (`counters.*` paths) not written yet. */
type Counts = Record<string, number>;

/**
 * Turns channel messages into requests and request activity (DESIGN.md §1): load, decide
 * (`src/requests/`), apply. Customers open, group into, reopen and revive requests; agents
 * respond to them.
 */
export class RequestIntake {
  private readonly store: RequestStore;
  private readonly activity: RequestActivity;
  private readonly channels: ChannelStore;
  private readonly effects: RequestEffects;
  private readonly suggestions: Suggestions;
  private readonly replies: Replies;

  constructor(
    private readonly deps: BotDeps,
    private readonly slack: SlackGateway,
  ) {
    this.store = new RequestStore(deps.models);
    this.activity = new RequestActivity(deps.models);
    this.channels = new ChannelStore(deps.models);
    this.effects = new RequestEffects(deps, slack);
    this.suggestions = new Suggestions(deps, slack);
    this.replies = new Replies(deps, this.effects);
  }

  async message(incoming: IncomingMessage): Promise<void> {
    const ctx = await channelContext(this.deps, this.slack, incoming.teamId, incoming.channelId);
    if (!ctx || ctx.channel.kind !== 'customer' || ctx.channel.teamId !== incoming.teamId) return;
    const message = { ...incoming, text: requestText(incoming.text, incoming.fileNames) };
    const inThread = !!message.threadTs && message.threadTs !== message.ts;
    const request = inThread
      ? await this.store.byThread(message.teamId, message.channelId, message.threadTs as string)
      : null;
    const sender = await senderOf(this.slack, ctx, message, request?.requesterId);
    const place = { inThread, inRequestThread: !!request };
    const route = routeMessage(sender, place, ctx.features.requests.config);
    if (route === 'ignore') return;
    if (sender === 'agent') {
      await this.count(ctx, { 'counters.total_messages_sent': 1 });
      const stored = route === 'agent_reply' && !!request;
      const added = stored ? await this.replies.stored(request, message, 'outgoing') : null;
      const answered =
        route === 'agent_reply'
          ? request
          : route === 'agent_top_level'
            ? await this.store.newestUnanswered(message.teamId, message.channelId)
            : null;
      if (answered) await this.replies.agentReplied(ctx, answered, message.userId, added);
      if (!inThread) await this.agentPosted(ctx, message);
      return;
    }
    await this.customerWrote(ctx, request, message);
  }

  /**
   * A customer's message the bot posted for them (an e-mail or web form, `emailed.ts`); answers
   * the request it opened, joined or replied to, null when detection took it for none.
   */
  async posted(ctx: ChannelContext, message: IncomingMessage): Promise<RequestDoc | null> {
    const { teamId, channelId, threadTs } = message;
    const thread = threadTs ? await this.store.byThread(teamId, channelId, threadTs) : null;
    await this.customerWrote(ctx, thread, message);
    return this.store.byThread(teamId, channelId, threadTs ?? message.ts);
  }

  private async customerWrote(
    ctx: ChannelContext,
    request: RequestDoc | null,
    message: IncomingMessage,
  ) {
    // The customer's message is counted in the same write as the request it opens, if any.
    const received = { 'counters.total_messages_received': 1 };
    const counted =
      request !== null
        ? await this.customerReplied(ctx, request, message, received)
        : await this.customerPosted(ctx, message, received);
    if (!counted) await this.count(ctx, received);
  }

  /** Adds to channel counters in one write; returns the channel's conversations after it. */
  private async count(ctx: ChannelContext, counts: Counts): Promise<number | undefined> {
    return (await this.channels.count(ctx.channel._id, counts))?.total_conversations;
  }

  /** A customer's top-level message; true when it opened a request (and was counted with it). */
  private async customerPosted(ctx: ChannelContext, message: IncomingMessage, counts: Counts) {
    const now = this.deps.clock.now();
    const requesterId = (message.userId ?? message.botId) as string;
    const { teamId, channelId, ts } = message;
    const found = await this.store.openingLookup(teamId, channelId, ts, requesterId);
    // A redelivery whose first attempt may not have finished its side effects.
    if (found.existing) return this.effects.createdAgain(ctx, found.existing).then(() => false);
    const latest = found.latest;
    const decision = await topLevelDecision(this.deps, ctx, message, latest);
    const unsure = decideSuggestion(
      suggestionSettings(ctx.features),
      'customer',
      message.text,
      decision,
    );
    if (unsure.action === 'suggest' && (await this.suggestions.suggest(ctx, message, unsure.why))) {
      return false;
    }
    if (unsure.action === 'keep') await this.suggestions.keep(message, unsure.why);
    if (decision.action === 'ignore') return false;
    if (decision.action === 'group' && latest) {
      const after = await this.activity.group(latest._id, message.ts, now);
      if (after) {
        await this.effects.changed(ctx, latest, after, requesterId);
        await runHooks(this.deps.requestHooks, 'customerWrote', this.deps, ctx, after);
        return false;
      }
      const current = await this.store.byId(String(latest._id));
      if (afterLostGrouping(current, message.ts) === 'done') return false; // a retry
    }
    return this.open(ctx, message, requesterId, counts);
  }

  /** An agent's top-level message: a question may become a suggestion, the rest kept (`decideSuggestion`). */
  private async agentPosted(ctx: ChannelContext, message: IncomingMessage) {
    const settings = suggestionSettings(ctx.features);
    const unsure = decideSuggestion(settings, 'agent', message.text, undefined);
    if (unsure.action === 'suggest') await this.suggestions.suggest(ctx, message, unsure.why);
    if (unsure.action === 'keep') await this.suggestions.keep(message, unsure.why);
  }

  /**
   * Opens the request a suggestion stood for (its Create request), with the same effects as a
   * customer's message that opens one: card, SLA clocks, timers. The message itself was
   * counted when it arrived. Answers the request, new or found.
   */
  async openSuggested(ctx: ChannelContext, message: IncomingMessage): Promise<RequestDoc | null> {
    await this.open(ctx, message, (message.userId ?? message.botId) as string, {});
    return this.store.byRoot(message.teamId, message.channelId, message.ts);
  }

  /** Opens a request; true when this delivery created it (and counted `counts` with it). */
  private async open(
    ctx: ChannelContext,
    message: IncomingMessage,
    requesterId: string,
    counts: Counts,
  ): Promise<boolean> {
    const { input, counting } = await openingRequest(this.deps, ctx, message, requesterId);
    const { request, created } = await this.store.create(input, counting?.facts);
    if (!created) return this.effects.createdAgain(ctx, request).then(() => false);
    await counting?.count(request);
    const conversations = await this.count(ctx, { ...counts, 'counters.total_conversations': 1 });
    await this.effects.created(ctx, request, conversations === 1);
    return true;
  }

  /** A customer's reply in a request's thread; true when it opened a request of its own. */
  private async customerReplied(
    ctx: ChannelContext,
    request: RequestDoc,
    message: IncomingMessage,
    counts: Counts,
  ): Promise<boolean> {
    const now = this.deps.clock.now();
    const settings = detectionSettings(ctx.features);
    const suppress = ctx.features.requests.config.suppress_requests_on_non_closed_ticket_threads;
    const onTicket = repliesStayOnTicket(suppress, request);
    const decision = decideThreadReply(settings, message.text, request.status, onTicket);
    const requesterId = (message.userId ?? message.botId) as string;
    if (decision.action === 'create') return this.open(ctx, message, requesterId, counts);
    const added = await this.replies.stored(request, message, 'incoming');
    if (decision.action === 'ignore') {
      if (added) await this.replies.counted(ctx, request, added);
      return false;
    }
    const fresh = (await this.activity.customerActivity(request._id, now, added)) ?? request;
    await runHooks(this.deps.requestHooks, 'customerWrote', this.deps, ctx, fresh);
    if (added) await this.replies.created(ctx, fresh, added);
    const to = customerReplyMove(decision.action, request.status, ctx.features.requests.config);
    if (to) await this.replies.move(ctx, request, to, requesterId, now);
    return false;
  }

  /**
   * A reply the bot posted for an agent (a canned response): counted and answered exactly as
   * the agent's own reply in the thread would be (the bot's post reaches no agent rule), and
   * stored as the agent's message.
   */
  async postedForAgent(
    ctx: ChannelContext,
    request: RequestDoc,
    agentId: string,
    posted: { ts: string; text: string },
  ): Promise<MessageDoc | null> {
    await this.count(ctx, { 'counters.total_messages_sent': 1 });
    const reply = { ...posted, channelId: request.channelId, userId: agentId };
    const added = await this.replies.stored(request, reply, 'outgoing');
    await this.replies.agentReplied(ctx, request, agentId, added);
    return added;
  }
}
