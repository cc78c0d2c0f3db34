import type { WebClient } from '@slack/web-api';
import type { ChannelDoc, RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import {
  decideThreadReply,
  decideTopLevel,
  requestText,
  type DetectionSettings,
} from '../../requests/detection.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import type { Features } from '../../settings/features.js';
import { channelContext, type ChannelContext } from './context.js';
import { RequestEffects } from './effects.js';
import { runHooks } from './hooks.js';
import { REQUEST_HOOKS } from './registry.js';
import { senderOf } from './sender.js';
import { RequestStore } from './store.js';

/** A message as the bot needs it, whatever event shape it came in. */
export interface IncomingMessage {
  teamId: string;
  botUserId: string;
  channelId: string;
  ts: string;
  threadTs?: string;
  userId?: string;
  botId?: string;
  userTeamId?: string;
  text: string;
  /** Names of the files a `file_share` message carries. */
  fileNames?: string[];
}

/** Channel counter increments not written yet (`counters.*` paths). */
type PendingCounts = Record<string, number>;

/** `pending`'s increments plus `more`, leaving `pending` empty (they are about to be written). */
function takeAll(pending: PendingCounts, more: PendingCounts): PendingCounts {
  const all = { ...pending, ...more };
  for (const key of Object.keys(pending)) delete pending[key];
  return all;
}

function detectionSettings(features: Features): DetectionSettings {
  const config = features.requests.config;
  return {
    blockRequestDetection: config.block_request_detection,
    groupingWindowMinutes: config.conversation_grouping_window,
    suppressOnNonClosedThreads: config.suppress_requests_on_non_closed_conversation_threads,
    reopenClosed: config.reopen_closed_requests,
    blockOnDiscarded: config.block_new_request_creation_on_discard_request,
  };
}

/**
 * Turns channel messages into requests and request activity (DESIGN.md §1): customers open,
 * group into, reopen and revive requests; agents respond to them.
 */
export class RequestIntake {
  private readonly store: RequestStore;
  private readonly effects: RequestEffects;

  constructor(
    private readonly deps: BotDeps,
    private readonly client: WebClient,
  ) {
    this.store = new RequestStore(deps.models);
    this.effects = new RequestEffects(deps, client);
  }

  async message(incoming: IncomingMessage): Promise<void> {
    const ctx = await channelContext(this.deps, this.client, incoming.teamId, incoming.channelId);
    if (!ctx || ctx.channel.kind !== 'customer' || ctx.channel.teamId !== incoming.teamId) return;
    const message = { ...incoming, text: requestText(incoming.text, incoming.fileNames) };
    const inThread = message.threadTs && message.threadTs !== message.ts;
    const request = inThread
      ? await this.store.byThread(message.teamId, message.channelId, message.threadTs as string)
      : null;
    const sender = await senderOf(this.deps, this.client, ctx, message, request?.requesterId);
    if (sender === 'ignored') return;
    if (sender === 'agent') {
      await this.count(ctx, { 'counters.total_messages_sent': 1 });
      if (request) await this.agentReplied(ctx, request, message);
      else if (!inThread && !ctx.features.requests.config.auto_assign_thread_only) {
        await this.agentPostedInChannel(ctx, message);
      }
      return;
    }
    // The customer's message is counted in the same write as the request it opens, if any.
    const pending: PendingCounts = { 'counters.total_messages_received': 1 };
    if (request) await this.customerReplied(ctx, request, message, pending);
    else await this.customerPosted(ctx, message, pending);
    if (Object.keys(pending).length > 0) await this.count(ctx, pending);
  }

  /** Adds to channel counters in one write; returns the channel's counters after it. */
  private async count(
    ctx: ChannelContext,
    counts: PendingCounts,
  ): Promise<ChannelDoc['counters'] | undefined> {
    const channel = await this.deps.models.channels
      .findOneAndUpdate({ _id: ctx.channel._id }, { $inc: counts }, { returnDocument: 'after' })
      .lean<ChannelDoc>();
    return channel?.counters;
  }

  private async customerPosted(
    ctx: ChannelContext,
    message: IncomingMessage,
    pending: PendingCounts,
  ) {
    const now = this.deps.clock.now();
    const requesterId = (message.userId ?? message.botId) as string;
    const existing = await this.store.byRoot(message.teamId, message.channelId, message.ts);
    if (existing) {
      // A redelivery whose first attempt may not have finished its side effects.
      await this.effects.createdAgain(ctx, existing);
      return;
    }
    const latest = await this.store.latestOf(message.teamId, message.channelId, requesterId);
    const decision = decideTopLevel(
      detectionSettings(ctx.features),
      message.text,
      now,
      latest
        ? {
            id: String(latest._id),
            status: latest.status,
            lastTopLevelAt: latest.lastCustomerActivityAt,
          }
        : undefined,
    );
    if (decision.action === 'group' && latest) {
      const after = await this.store.group(latest._id, message.ts, now);
      if (after) {
        await this.effects.changed(ctx, latest, after, requesterId);
        await runHooks(REQUEST_HOOKS, 'customerWrote', this.deps, ctx, after);
        return;
      }
      const current = await this.store.byId(String(latest._id));
      const already = current?.groupedTs.includes(message.ts);
      if (already || (current && LIVE_STATUSES.includes(current.status))) return; // a retry
      // Closed between the decision and the write: the message opens a request of its own
      // rather than being lost.
    }
    if (decision.action === 'create' || decision.action === 'group') {
      await this.open(ctx, message, requesterId, pending);
    }
  }

  private async open(
    ctx: ChannelContext,
    message: IncomingMessage,
    requesterId: string,
    pending: PendingCounts,
  ) {
    const config = ctx.features.requests.config;
    const { request, created } = await this.store.create({
      teamId: message.teamId,
      channelId: message.channelId,
      rootTs: message.ts,
      requesterId,
      text: message.text,
      at: this.deps.clock.now(),
      assigneeId: config.auto_assign_to_csm ? (ctx.channel.csmUserId ?? null) : null,
    });
    if (!created) {
      await this.effects.createdAgain(ctx, request);
      return;
    }
    const counters = await this.count(ctx, takeAll(pending, { 'counters.total_conversations': 1 }));
    const conversations = counters?.total_conversations;
    await this.effects.created(ctx, request, conversations === 1);
  }

  private async customerReplied(
    ctx: ChannelContext,
    request: RequestDoc,
    message: IncomingMessage,
    pending: PendingCounts,
  ) {
    const now = this.deps.clock.now();
    const decision = decideThreadReply(
      detectionSettings(ctx.features),
      message.text,
      request.status,
    );
    const requesterId = (message.userId ?? message.botId) as string;
    if (decision.action === 'create') return this.open(ctx, message, requesterId, pending);
    if (decision.action === 'ignore') return;
    const fresh = (await this.store.customerActivity(request._id, now)) ?? request;
    await runHooks(REQUEST_HOOKS, 'customerWrote', this.deps, ctx, fresh);
    if (decision.action === 'reopen') {
      const moved = await this.store.transition(request._id, 'open', requesterId, now);
      if (moved) await this.effects.changed(ctx, moved.before, moved.after, requesterId);
      return;
    }
    if (request.status === 'on_hold' && ctx.features.requests.config.move_onhold_to_inprogress) {
      const moved = await this.store.transition(request._id, 'in_progress', requesterId, now);
      if (moved) await this.effects.changed(ctx, moved.before, moved.after, requesterId);
    }
  }

  /**
   * An agent's reply in a request thread: the first one sets the first response time, moves an
   * open request to in progress and (auto_assign_request_to_first_responder) assigns it.
   */
  private async agentReplied(ctx: ChannelContext, request: RequestDoc, message: IncomingMessage) {
    if (!LIVE_STATUSES.includes(request.status) || !message.userId) return;
    const now = this.deps.clock.now();
    const first = await this.store.agentResponse(request._id, message.userId, now);
    const replied = (await this.store.byId(String(request._id))) ?? request;
    await runHooks(REQUEST_HOOKS, 'agentReplied', this.deps, ctx, replied);
    if (!first) return;
    let current = request;
    if (ctx.features.requests.config.auto_assign_request_to_first_responder) {
      const assigned = await this.store.assign(request._id, message.userId, 'bot', now, true);
      if (assigned) {
        await this.effects.changed(ctx, current, assigned.after, 'bot');
        current = assigned.after;
      }
    }
    // Only an open request starts moving; one on hold stays on hold until someone resumes it.
    if (current.status !== 'open') return;
    const moved = await this.store.transition(request._id, 'in_progress', message.userId, now);
    if (moved) await this.effects.changed(ctx, moved.before, moved.after, message.userId);
  }

  /** Without auto_assign_thread_only, an agent's top-level reply answers the newest live request. */
  private async agentPostedInChannel(ctx: ChannelContext, message: IncomingMessage) {
    const latest = await this.deps.models.requests
      .findOne({
        teamId: message.teamId,
        channelId: message.channelId,
        status: { $in: LIVE_STATUSES },
        firstResponseAt: null,
      })
      .sort({ createdAt: -1 })
      .lean<RequestDoc>();
    if (latest) await this.agentReplied(ctx, latest, message);
  }

  /** The customer edited their message: the request's text follows. */
  async edited(
    teamId: string,
    channelId: string,
    ts: string,
    text: string,
    fileNames: string[] = [],
  ): Promise<void> {
    const updated = await this.store.updateText(
      teamId,
      channelId,
      ts,
      requestText(text, fileNames),
    );
    if (!updated) return;
    const ctx = await channelContext(this.deps, this.client, teamId, channelId);
    if (ctx) await this.effects.updateNotification(ctx, updated);
  }

  /**
   * The customer deleted the root message (`message_deleted`, or the tombstone left by a root
   * with replies): its request is discarded.
   */
  async deleted(teamId: string, channelId: string, ts: string): Promise<void> {
    const request = await this.store.byRoot(teamId, channelId, ts);
    if (!request) return;
    const moved = await this.store.transition(
      request._id,
      'discarded',
      'bot',
      this.deps.clock.now(),
    );
    const ctx = moved && (await channelContext(this.deps, this.client, teamId, channelId));
    if (moved && ctx) await this.effects.changed(ctx, moved.before, moved.after, 'bot');
  }
}
