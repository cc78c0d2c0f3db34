import type { WebClient } from '@slack/web-api';
import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES, STATUS_LABEL } from '../../requests/lifecycle.js';
import { triageNotification } from '../../slack/blocks/triage-notification.js';
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import type { ChannelContext } from './context.js';
import { runHooks } from './hooks.js';
import { REQUEST_HOOKS } from './registry.js';
import { RequestStore } from './store.js';

/** The metadata event type that marks a triage card with the id of its request. */
export const TRIAGE_CARD_EVENT = 'triage_card';
const CARD_SEARCH_PAGES = 5;

/**
 * What people see change in Slack when a request is created or changes. Every call here is
 * best effort: a Slack failure is logged and never undoes or loses the stored request.
 */
export class RequestEffects {
  private readonly store: RequestStore;

  constructor(
    private readonly deps: BotDeps,
    private readonly client: WebClient,
  ) {
    this.store = new RequestStore(deps.models);
  }

  private log(request: RequestDoc, step: string) {
    return { step, requestId: String(request._id), channel: request.channelId, ts: request.rootTs };
  }

  /** A new request: triage card, status mark, auto-response, CSM heads-up, assignment notices. */
  async created(ctx: ChannelContext, request: RequestDoc, firstInChannel: boolean): Promise<void> {
    const config = ctx.features.requests.config;
    await this.ensureNotification(ctx, request);
    if (config.add_emojis_on_request_thread) await this.mark(request, undefined, request.status);
    if (config.auto_respond_to_requests) {
      const csm = config.use_csm_avatar_for_auto_respond_to_requests
        ? await this.csmIdentity(ctx)
        : {};
      await bestEffort(this.deps.logger, this.log(request, 'auto_respond'), () =>
        this.client.chat.postMessage({
          channel: request.channelId,
          thread_ts: request.rootTs,
          text: config.message_for_auto_respond_to_requests,
          ...csm,
        }),
      );
    }
    if (config.send_request_detected_ephemeral_to_csm && ctx.channel.csmUserId) {
      await bestEffort(this.deps.logger, this.log(request, 'csm_ephemeral'), () =>
        this.client.chat.postEphemeral({
          channel: request.channelId,
          user: ctx.channel.csmUserId as string,
          text: `New request from <@${request.requesterId}> detected in this channel.`,
        }),
      );
    }
    if (config.send_first_request_notification && firstInChannel && ctx.channel.triageChannelId) {
      await bestEffort(this.deps.logger, this.log(request, 'first_request'), () =>
        this.client.chat.postMessage({
          channel: ctx.channel.triageChannelId as string,
          text: `:tada: First request from <#${request.channelId}>.`,
        }),
      );
    }
    if (request.assigneeId) await this.assigned(ctx, request, true);
    await runHooks(REQUEST_HOOKS, 'created', this.deps, ctx, request);
  }

  /** A redelivered opening: finish what the first attempt may not have (all idempotent). */
  async createdAgain(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    await this.ensureNotification(ctx, request);
    await runHooks(REQUEST_HOOKS, 'created', this.deps, ctx, request);
  }

  /** A change: the card is updated in place, marks swapped, the thread and assignee told. */
  async changed(
    ctx: ChannelContext,
    before: RequestDoc,
    after: RequestDoc,
    by: string,
  ): Promise<void> {
    const config = ctx.features.requests.config;
    await this.updateNotification(ctx, after);
    if (before.status !== after.status) {
      if (config.add_emojis_on_request_thread) await this.mark(after, before.status, after.status);
      if (config.send_status_updates_on_request_thread) {
        const who = by === 'bot' || by === after.requesterId ? '' : ` by <@${by}>`;
        await bestEffort(this.deps.logger, this.log(after, 'status_update'), () =>
          this.client.chat.postMessage({
            channel: after.channelId,
            thread_ts: after.rootTs,
            text: `This request is now *${STATUS_LABEL[after.status]}*${who}.`,
          }),
        );
      }
    }
    if (after.assigneeId && after.assigneeId !== before.assigneeId) {
      await this.assigned(ctx, after, by === 'bot');
    }
    await runHooks(REQUEST_HOOKS, 'changed', this.deps, ctx, before, after, by);
  }

  /**
   * Posts the triage card once: the claim makes concurrent or retried deliveries post nothing.
   * Taking over a stale claim means an earlier holder may have died between Slack accepting
   * the card and storing its ts; the card carries the request id in its metadata, so that
   * card is found in the channel and adopted instead of posting a second one.
   */
  async ensureNotification(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    const triage = ctx.channel.triageChannelId;
    if (!triage || request.triage.ts) return;
    if (request.triage.deletedAt && !LIVE_STATUSES.includes(request.status)) return; // cleaned up
    const claim = await this.store.claimNotification(request._id, this.deps.clock.now());
    if (!claim) return;
    const fresh = claim.request;
    if (claim.previousClaim) {
      const orphan = await this.findCard(triage, fresh);
      if (orphan === undefined) return; // Slack unreachable: the claim goes stale, catch-up retries
      if (orphan) {
        await this.store.notificationPosted(request._id, triage, orphan);
        return this.updateNotification(ctx, {
          ...fresh,
          triage: { ...fresh.triage, channelId: triage, ts: orphan },
        });
      }
    }
    const card = await this.card(ctx, fresh);
    const posted = await bestEffort(this.deps.logger, this.log(request, 'triage_post'), () =>
      this.client.chat.postMessage({
        channel: triage,
        ...card,
        metadata: {
          event_type: TRIAGE_CARD_EVENT,
          event_payload: { request_id: String(request._id) },
        },
      }),
    );
    if (posted?.ts) await this.store.notificationPosted(request._id, triage, posted.ts);
    else await this.store.releaseNotificationClaim(request._id);
  }

  /**
   * The ts of this request's card in the triage channel, `null` when there is none, or
   * `undefined` when Slack could not be asked. Only messages since the request was created
   * are read, a few pages at most.
   */
  private async findCard(triage: string, request: RequestDoc): Promise<string | null | undefined> {
    const id = String(request._id);
    const oldest = String(request.createdAt.getTime() / 1000 - 1);
    let cursor: string | undefined;
    for (let page = 0; page < CARD_SEARCH_PAGES; page++) {
      const history = await bestEffort(this.deps.logger, this.log(request, 'triage_find'), () =>
        this.client.conversations.history({
          channel: triage,
          oldest,
          limit: 200,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      if (!history) return undefined;
      const card = history.messages?.find(
        (m) =>
          m.metadata?.event_type === TRIAGE_CARD_EVENT &&
          (m.metadata.event_payload as { request_id?: unknown } | undefined)?.request_id === id,
      );
      if (card?.ts) return card.ts;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!history.has_more || !cursor) return null;
    }
    return null;
  }

  async updateNotification(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    if (!request.triage.ts || !request.triage.channelId)
      return this.ensureNotification(ctx, request);
    const { channelId, ts } = request.triage;
    await bestEffort(this.deps.logger, this.log(request, 'triage_update'), async () =>
      this.client.chat.update({ channel: channelId, ts, ...(await this.card(ctx, request)) }),
    );
  }

  private async card(ctx: ChannelContext, request: RequestDoc) {
    const config = ctx.features.requests.config;
    const customer = await this.customer(
      ctx,
      request,
      config.use_customer_name_in_notifications,
      config.use_customer_logo_in_notifications,
    );
    return triageNotification({
      request,
      channelName: ctx.channel.name,
      customerName: customer.name,
      customerLogo: customer.logo,
      showPreview: !ctx.channel.isPrivate || config.show_private_message_previews,
    });
  }

  /** The customer's name (their account, else their Slack Connect organisation) and logo. */
  private async customer(
    ctx: ChannelContext,
    request: RequestDoc,
    withName: boolean,
    withLogo: boolean,
  ) {
    if (!withName && !withLogo) return {};
    const account = ctx.channel.accountId
      ? await this.deps.models.accounts.findById(ctx.channel.accountId).lean()
      : null;
    let teamName: string | undefined;
    let logo: string | undefined;
    const user = await bestEffort(this.deps.logger, this.log(request, 'users_info'), () =>
      this.client.users.info({ user: request.requesterId }),
    );
    const teamId = user?.user?.team_id;
    if (teamId && teamId !== ctx.channel.teamId) {
      const team = await bestEffort(this.deps.logger, this.log(request, 'team_info'), () =>
        this.client.team.info({ team: teamId }),
      );
      teamName = team?.team?.name;
      logo = (team?.team?.icon as { image_132?: string } | undefined)?.image_132;
    }
    return {
      name: withName ? (account?.name ?? teamName) : undefined,
      logo: withLogo ? logo : undefined,
    };
  }

  private async mark(
    request: RequestDoc,
    from: keyof typeof EMOJI.status | undefined,
    to: keyof typeof EMOJI.status,
  ) {
    const target = { channel: request.channelId, timestamp: request.rootTs };
    if (from && EMOJI.status[from] !== EMOJI.status[to]) {
      await this.client.reactions
        .remove({ ...target, name: EMOJI.status[from] })
        .catch((error: unknown) => {
          if (slackErrorCode(error) !== 'no_reaction')
            this.deps.logger.warn(
              { ...this.log(request, 'unmark'), slackError: slackErrorCode(error) },
              'Slack call failed',
            );
        });
    }
    await this.client.reactions
      .add({ ...target, name: EMOJI.status[to] })
      .catch((error: unknown) => {
        if (slackErrorCode(error) !== 'already_reacted')
          this.deps.logger.warn(
            { ...this.log(request, 'mark'), slackError: slackErrorCode(error) },
            'Slack call failed',
          );
      });
  }

  private async assigned(ctx: ChannelContext, request: RequestDoc, automatic: boolean) {
    const config = ctx.features.requests.config;
    const assignee = request.assigneeId as string;
    const link = `https://slack.com/archives/${request.channelId}/p${request.rootTs.replace('.', '')}`;
    if (config.send_assigned_to_notification_to_user) {
      await bestEffort(this.deps.logger, this.log(request, 'assigned_dm'), () =>
        this.client.chat.postMessage({
          channel: assignee,
          text: `You were assigned a request from <@${request.requesterId}> in <#${request.channelId}>: <${link}|view thread>`,
        }),
      );
    }
    if (automatic && config.send_auto_assigned_ephemeral) {
      await bestEffort(this.deps.logger, this.log(request, 'auto_assigned_ephemeral'), () =>
        this.client.chat.postEphemeral({
          channel: request.channelId,
          user: assignee,
          thread_ts: request.rootTs,
          text: `You were automatically assigned this request from <@${request.requesterId}>.`,
        }),
      );
    }
  }

  private async csmIdentity(
    ctx: ChannelContext,
  ): Promise<{ username?: string; icon_url?: string }> {
    if (!ctx.channel.csmUserId) return {};
    const info = await bestEffort(this.deps.logger, { step: 'csm_identity' }, () =>
      this.client.users.info({ user: ctx.channel.csmUserId as string }),
    );
    const profile = info?.user?.profile;
    return profile
      ? { username: profile.display_name || profile.real_name, icon_url: profile.image_72 }
      : {};
  }
}
