import type { RequestDoc } from '../../db/models/index.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import { RequestStore } from '../../db/repositories/requests.js';
import { TriageCardStore } from '../../db/repositories/triage-cards.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { channelPrivacy } from '../../channels/privacy.js';
import { cardToPost, cardVersion } from '../../requests/effects.js';
import { channelTags } from '../../requests/ai-classification.js';
import { InternalTicketStore } from '../../db/repositories/internal-tickets.js';
import { ticketCardLines } from '../../views/internal-ticket.js';
import { triageNotification } from '../../views/triage-notification.js';
import { agentAssistOn } from '../ai/summary.js';
import { isEmailRequester, messageLink, slackDate } from '../../text/mrkdwn.js';
import { EmailOutbox } from '../../db/repositories/email-outbox.js';
import { emailCardLine } from '../../email/outbound.js';
import { cardMetadata, findCard } from '../../slack/card-search.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { userEmail } from '../../slack/user-emails.js';
import type { ChannelContext } from './context.js';
import { overflowOptions } from '../../settings/features/tickets.js';

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
  private readonly cards: TriageCardStore;

  constructor(
    private readonly deps: Pick<BotDeps, 'models' | 'clock' | 'env' | 'logger'>,
    private readonly slack: SlackGateway,
  ) {
    this.store = new RequestStore(deps.models);
    this.cards = new TriageCardStore(deps.models);
  }

  /**
   * Posts the triage card once: the claim makes concurrent or retried deliveries post nothing.
   * Taking over a stale claim means an earlier holder may have died between Slack accepting
   * the card and storing its ts; the card carries the request id in its metadata, so that
   * card is found in the channel and adopted instead of posting a second one.
   * `insertClaimed`: the request's insert took the claim (`NewRequest.claimsCard`), for the
   * delivery that made it.
   */
  async ensure(ctx: ChannelContext, request: RequestDoc, insertClaimed = false): Promise<void> {
    const triage = ctx.channel.triageChannelId;
    if (!triage || !cardToPost(request)) return;
    const claim =
      insertClaimed && request.triage.claimedAt
        ? { request, previousClaim: null }
        : await this.cards.claim(request._id, this.deps.clock.now());
    if (!claim) return;
    const fresh = claim.request;
    if (claim.previousClaim) {
      const since = fresh.createdAt;
      const log = { bestEffort: logStep(request, 'triage_find') };
      const orphan = await findCard(this.slack, triage, String(request._id), since, log);
      if (orphan === undefined) return; // Slack unreachable: the claim goes stale, catch-up retries
      if (orphan) {
        await this.cards.posted(request._id, triage, orphan);
        return this.update(ctx, {
          ...fresh,
          triage: { ...fresh.triage, channelId: triage, ts: orphan },
        });
      }
    }
    const card = await this.blocks(ctx, fresh);
    const metadata = cardMetadata(String(request._id));
    const posted = await this.slack.post(
      { channel: triage, ...card, metadata },
      { bestEffort: logStep(request, 'triage_post') },
    );
    if (posted?.ts) await this.cards.posted(request._id, triage, posted.ts);
    else await this.cards.releaseClaim(request._id);
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
      const card = await this.blocks(ctx, drawn);
      const options = { bestEffort: logStep(request, 'triage_update') };
      const updated = await this.slack.update({ channel: channelId, ts, ...card }, options);
      if (!updated) return;
      const stored = await this.store.byId(String(request._id));
      if (!stored || cardVersion(stored) === cardVersion(drawn)) return;
      drawn = stored;
    }
  }

  private async blocks(ctx: ChannelContext, request: RequestDoc) {
    const config = ctx.features.requests.config;
    const privacy = channelPrivacy(ctx.channel.isPrivate, ctx.features);
    const customer = await this.customer(
      ctx,
      request,
      config.use_customer_name_in_notifications,
      config.use_customer_logo_in_notifications,
    );
    const assigneeEmail =
      config.show_user_emails_in_assignee && request.assigneeId
        ? await userEmail(
            this.deps.models,
            this.slack,
            ctx.channel.teamId,
            request.assigneeId,
            this.deps.clock.now(),
          )
        : undefined;
    const fields = await new CustomFieldStore(this.deps.models).applicable(
      request.teamId,
      ctx.features.requests.custom_fields,
    );
    return triageNotification({
      request,
      ...(assigneeEmail ? { assigneeEmail } : {}),
      channelName: ctx.channel.name,
      hideChannelName: privacy.hideName,
      customerName: customer.name,
      customerLogo: customer.logo,
      showPreview: privacy.showPreview,
      escalation: config.is_request_escalation_enabled,
      classification: {
        ...ctx.features.requests.support,
        tags: channelTags(ctx.features),
        categories: ctx.features.requests.categories,
      },
      internalTickets: ctx.features.internal_ticket.types.length > 0,
      helpdesk: ctx.features.tickets.config.helpdeskIds.length > 0,
      overflow: overflowOptions(ctx.features.tickets.config),
      summarise: agentAssistOn(this.deps, ctx.features),
      ticketLines: await this.ticketLines(ctx, request),
      // Only a request opened by e-mail has replies sent by e-mail: no read for the others.
      emailLine: isEmailRequester(request.requesterId)
        ? emailCardLine(await new EmailOutbox(this.deps.models).summary(request._id), slackDate)
        : undefined,
      customFields: { fields, values: request.customFields },
    });
  }

  /** "IT-7 Engineering: In progress" for each internal ticket raised from the request. */
  private async ticketLines(ctx: ChannelContext, request: RequestDoc) {
    const tickets = await new InternalTicketStore(this.deps.models).ofRequest(request);
    const shown = tickets.map((t) => ({
      ...t,
      link: t.post ? messageLink(t.post.channelId, t.post.ts) : undefined,
    }));
    return ticketCardLines(shown, ctx.features.internal_ticket.types);
  }

  /** The customer's name (their account, else their Slack Connect organisation) and logo. */
  private async customer(
    ctx: ChannelContext,
    request: RequestDoc,
    withName: boolean,
    withLogo: boolean,
  ) {
    if (!withName && !withLogo) return {};
    const account = await new WorkspaceStore(this.deps.models).account(ctx.channel.accountId);
    let teamName: string | undefined;
    let logo: string | undefined;
    const requester = await this.slack.user(request.requesterId, {
      bestEffort: logStep(request, 'users_info'),
    });
    const teamId = requester?.user?.team_id;
    if (teamId && teamId !== ctx.channel.teamId) {
      const team = await this.slack.team(teamId, { bestEffort: logStep(request, 'team_info') });
      teamName = team?.team?.name;
      logo = (team?.team?.icon as { image_132?: string } | undefined)?.image_132;
    }
    return {
      name: withName ? (account?.name ?? teamName) : undefined,
      logo: withLogo ? logo : undefined,
    };
  }
}
