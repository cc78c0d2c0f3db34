import type { WebClient } from '@slack/web-api';
import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { slaBreachAlert } from '../../slack/blocks/sla-alert.js';
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import type { ChannelContext } from '../requests/context.js';
import { RequestEffects } from '../requests/effects.js';
import type { SlaKind } from './sla.js';

const HOLDING_REPLY: Record<SlaKind, string> = {
  response:
    'Sorry for the wait! Your request is taking longer than we promised to answer. ' +
    'The team has been alerted and will get back to you as soon as possible.',
  closure:
    'Sorry this is taking longer than expected. The team has been alerted and is working ' +
    'to resolve your request as soon as possible.',
};

/**
 * What a recorded SLA breach does in Slack: the alert in the SLA channel, then the
 * `sla_breach_config` actions (they apply to both SLAs). Best effort: a Slack failure is logged
 * and never undoes the recorded breach.
 */
export class SlaBreachActions {
  constructor(
    private readonly deps: BotDeps,
    private readonly client: WebClient,
    private readonly ctx: ChannelContext,
  ) {}

  async apply(kind: SlaKind, request: RequestDoc, dueAt: Date, now: Date): Promise<void> {
    const config = this.ctx.features.requests.support.response_sla.sla_breach_config;
    await this.alert(kind, request, dueAt, now);
    if (config.reaction.isEnabled) {
      const ts =
        config.reaction.message_ts_comparison === 'last_message'
          ? await this.latestCustomerTs(request)
          : request.rootTs;
      await this.react(request, ts);
    }
    if (config.conversation_response.isEnabled) {
      await bestEffort(this.deps.logger, this.log(kind, request, 'holding_reply'), () =>
        this.client.chat.postMessage({
          channel: request.channelId,
          thread_ts: request.rootTs,
          text: HOLDING_REPLY[kind],
        }),
      );
    }
    if (config.request.isEnabled)
      await new RequestEffects(this.deps, this.client).updateNotification(this.ctx, request);
  }

  /**
   * Where the alert goes: the SLA's own channel, else (closure) the response SLA's channel,
   * else the request channel's triage channel; nowhere when none is set.
   */
  private alertChannel(kind: SlaKind): string | null {
    const support = this.ctx.features.requests.support;
    const own =
      kind === 'response'
        ? support.response_sla.sla_channel
        : support.request_closure_sla.sla_channel;
    return own ?? support.response_sla.sla_channel ?? this.ctx.channel.triageChannelId ?? null;
  }

  private async alert(kind: SlaKind, request: RequestDoc, dueAt: Date, now: Date) {
    const channel = this.alertChannel(kind);
    if (!channel) return;
    const { features } = this.ctx;
    const account = this.ctx.channel.accountId
      ? await this.deps.models.accounts.findById(this.ctx.channel.accountId).lean()
      : null;
    const message = slaBreachAlert({
      kind,
      request,
      channelName: this.ctx.channel.name,
      customerName: account?.name,
      dueAt,
      now,
      showPreview:
        !this.ctx.channel.isPrivate || features.requests.config.show_private_message_previews,
      suggestDiscard:
        features.requests.support.response_sla.sla_breach_config.suggested_request_invalidation
          .isEnabled,
    });
    await bestEffort(this.deps.logger, this.log(kind, request, 'sla_alert'), () =>
      this.client.chat.postMessage({ channel, ...message }),
    );
  }

  private async react(request: RequestDoc, ts: string) {
    await this.client.reactions
      .add({ channel: request.channelId, timestamp: ts, name: EMOJI.slaBreach })
      .catch((error: unknown) => {
        if (slackErrorCode(error) !== 'already_reacted')
          this.deps.logger.warn(
            {
              requestId: String(request._id),
              step: 'sla_reaction',
              slackError: slackErrorCode(error),
            },
            'Slack call failed',
          );
      });
  }

  /** The customer's latest message of the request: a thread reply or a grouped message. */
  private async latestCustomerTs(request: RequestDoc): Promise<string> {
    const candidates = [request.rootTs, ...request.groupedTs];
    const replies = await bestEffort(
      this.deps.logger,
      { requestId: String(request._id), step: 'sla_replies' },
      () => this.client.conversations.replies({ channel: request.channelId, ts: request.rootTs }),
    );
    for (const message of replies?.messages ?? []) {
      const user = message.user;
      if (message.ts && user && !message.bot_id && !this.ctx.internalUserIds.has(user))
        candidates.push(message.ts);
    }
    return candidates.reduce((latest, ts) => (Number(ts) > Number(latest) ? ts : latest));
  }

  private log(kind: SlaKind, request: RequestDoc, step: string) {
    return { step, kind, requestId: String(request._id), channel: request.channelId };
  }
}
