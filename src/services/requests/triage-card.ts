import type { WebClient } from '@slack/web-api';
import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { cardToPost, cardVersion } from '../../requests/effects.js';
import { triageNotification } from '../../views/triage-notification.js';
import { bestEffort } from '../../slack/safe-call.js';
import type { ChannelContext } from './context.js';

/** The metadata event type that marks a triage card with the id of its request. */
export const TRIAGE_CARD_EVENT = 'triage_card';
const CARD_SEARCH_PAGES = 5;
/** Redraws of one change's card, should the request keep moving on while it is drawn. */
const MAX_REDRAWS = 3;

/** What a failed Slack call about a request logs. */
export const logStep = (request: RequestDoc, step: string) => ({
  step,
  requestId: String(request._id),
  channel: request.channelId,
  ts: request.rootTs,
});

/** A request's card in the triage channel: posted once, then redrawn in place. */
export class TriageCard {
  private readonly store: RequestStore;

  constructor(
    private readonly deps: Pick<BotDeps, 'models' | 'clock' | 'logger'>,
    private readonly client: WebClient,
  ) {
    this.store = new RequestStore(deps.models);
  }

  /**
   * Posts the triage card once: the claim makes concurrent or retried deliveries post nothing.
   * Taking over a stale claim means an earlier holder may have died between Slack accepting
   * the card and storing its ts; the card carries the request id in its metadata, so that
   * card is found in the channel and adopted instead of posting a second one.
   */
  async ensure(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    const triage = ctx.channel.triageChannelId;
    if (!triage || !cardToPost(request)) return;
    const claim = await this.store.claimNotification(request._id, this.deps.clock.now());
    if (!claim) return;
    const fresh = claim.request;
    if (claim.previousClaim) {
      const orphan = await this.find(triage, fresh);
      if (orphan === undefined) return; // Slack unreachable: the claim goes stale, catch-up retries
      if (orphan) {
        await this.store.notificationPosted(request._id, triage, orphan);
        return this.update(ctx, {
          ...fresh,
          triage: { ...fresh.triage, channelId: triage, ts: orphan },
        });
      }
    }
    const card = await this.blocks(ctx, fresh);
    const posted = await bestEffort(this.deps.logger, logStep(request, 'triage_post'), () =>
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
   * Redraws the card, or posts it when it was never posted. Slack keeps whichever redraw reaches
   * it last, which need not be the newest change's (two agents click at once, on one instance or
   * two). So after its redraw each change reads the request again and redraws once more if the
   * request has moved on: the redraw that reaches Slack last is then checked against the newest
   * stored state.
   */
  async update(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    if (!request.triage.ts || !request.triage.channelId) return this.ensure(ctx, request);
    const { channelId, ts } = request.triage;
    let drawn = request;
    for (let redraw = 0; redraw < MAX_REDRAWS; redraw++) {
      const updated = await bestEffort(
        this.deps.logger,
        logStep(request, 'triage_update'),
        async () =>
          this.client.chat.update({ channel: channelId, ts, ...(await this.blocks(ctx, drawn)) }),
      );
      if (!updated) return;
      const stored = await this.store.byId(String(request._id));
      if (!stored || cardVersion(stored) === cardVersion(drawn)) return;
      drawn = stored;
    }
  }

  /**
   * The ts of this request's card in the triage channel, `null` when there is none, or
   * `undefined` when Slack could not be asked. Only messages since the request was created
   * are read, a few pages at most.
   */
  private async find(triage: string, request: RequestDoc): Promise<string | null | undefined> {
    const id = String(request._id);
    const oldest = String(request.createdAt.getTime() / 1000 - 1);
    let cursor: string | undefined;
    for (let page = 0; page < CARD_SEARCH_PAGES; page++) {
      const history = await bestEffort(this.deps.logger, logStep(request, 'triage_find'), () =>
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

  private async blocks(ctx: ChannelContext, request: RequestDoc) {
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
      escalation: config.is_request_escalation_enabled,
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
    const user = await bestEffort(this.deps.logger, logStep(request, 'users_info'), () =>
      this.client.users.info({ user: request.requesterId }),
    );
    const teamId = user?.user?.team_id;
    if (teamId && teamId !== ctx.channel.teamId) {
      const team = await bestEffort(this.deps.logger, logStep(request, 'team_info'), () =>
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
}
