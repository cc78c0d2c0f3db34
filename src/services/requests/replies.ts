import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import { MessageStore } from '../../db/repositories/messages.js';
import { RequestActivity } from '../../db/repositories/request-activity.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { countsAsResponse } from '../../requests/activity.js';
import { firstResponderAssignee, firstResponseStarts } from '../../requests/assignment.js';
import type { RequestStatus } from '../../requests/request.js';
import type { ChannelContext } from './context.js';
import type { RequestEffects } from './effects.js';
import { runHooks } from './hooks.js';

/** A reply in a request's thread as it is stored. */
export interface ThreadReply {
  channelId: string;
  ts: string;
  text: string;
  userId?: string;
  botId?: string;
}

/**
 * Replies in requests' threads: each stored once (`messages`, counted on the request), and an
 * agent's answering the request (first response, assignment, in progress).
 */
export class Replies {
  private readonly store: RequestStore;
  private readonly activity: RequestActivity;
  private readonly messages: MessageStore;

  constructor(
    private readonly deps: BotDeps,
    private readonly effects: RequestEffects,
  ) {
    this.store = new RequestStore(deps.models);
    this.activity = new RequestActivity(deps.models);
    this.messages = new MessageStore(deps.models);
  }

  /** Stores a reply to `request`: the message, or null when it was stored already (a retry). */
  stored(
    request: RequestDoc,
    reply: ThreadReply,
    kind: 'incoming' | 'outgoing',
  ): Promise<MessageDoc | null> {
    return this.messages.add({
      teamId: request.teamId,
      channelId: reply.channelId,
      ts: reply.ts,
      requestId: request._id,
      userId: (reply.userId ?? reply.botId) as string,
      kind,
      private: false,
      text: reply.text,
      createdAt: this.deps.clock.now(),
    });
  }

  /**
   * An agent's reply to a request: the first one sets the first response time, may assign the
   * request to the responder and moves an open request to in progress. `message`: the reply
   * just stored, counted in the same write.
   */
  async agentReplied(
    ctx: ChannelContext,
    request: RequestDoc,
    agentId?: string,
    message: MessageDoc | null = null,
  ) {
    if (!countsAsResponse(request.status, agentId) || !agentId) {
      if (message) await this.counted(ctx, request, message);
      return;
    }
    const now = this.deps.clock.now();
    const first = await this.activity.agentResponse(request._id, agentId, now, message);
    const replied = (await this.store.byId(String(request._id))) ?? request;
    await runHooks(this.deps.requestHooks, 'agentReplied', this.deps, ctx, replied);
    if (message) await this.created(ctx, replied, message);
    const config = ctx.features.requests.config;
    let current = request;
    const assignee = firstResponderAssignee(config, first, agentId);
    const assigned = assignee && (await this.store.assign(request._id, assignee, 'bot', now, true));
    if (assigned) {
      await this.effects.changed(ctx, current, assigned.after, 'bot');
      current = assigned.after;
    }
    if (first && firstResponseStarts(current.status)) {
      await this.move(ctx, request, 'in_progress', agentId, now);
    }
  }

  /** Counts a message just stored (with its webhook event), then its moment's hooks. */
  async counted(ctx: ChannelContext, request: RequestDoc, message: MessageDoc) {
    const after = await this.activity.countMessage(request._id, message);
    await this.created(ctx, after ?? request, message);
  }

  /** A message's moment (`messageCreated`: rules on `message_created`). */
  created(ctx: ChannelContext, request: RequestDoc, message: MessageDoc) {
    return runHooks(this.deps.requestHooks, 'messageCreated', this.deps, ctx, request, message);
  }

  /** Moves the request to `to` if it still may, and shows the change. */
  async move(
    ctx: ChannelContext,
    request: RequestDoc,
    to: RequestStatus,
    by: string,
    at = this.deps.clock.now(),
  ) {
    const moved = await this.store.transition(request._id, to, by, at);
    if (moved) await this.effects.changed(ctx, moved.before, moved.after, by);
  }
}
