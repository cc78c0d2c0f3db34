import type { WebClient } from '@slack/web-api';
import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { latestCustomerTs, type BreachPlan } from '../../sla/breach.js';
import type { SlaKind } from '../../sla/clocks.js';
import { slaBreachAlert, slaHoldingReply } from '../../slack/blocks/sla-alert.js';
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import type { ChannelContext } from '../requests/context.js';
import { RequestEffects } from '../requests/effects.js';

/** One breach to act on: which SLA, the request as recorded, its due date and the time. */
export interface Breach {
  kind: SlaKind;
  request: RequestDoc;
  due: Date;
  now: Date;
}

/**
 * Applies a breach plan (`src/sla/breach.ts`) in Slack: the alert, then the `sla_breach_config`
 * actions. Best effort: a Slack failure is logged and never undoes the recorded breach.
 */
export async function applyBreachPlan(
  deps: BotDeps,
  client: WebClient,
  ctx: ChannelContext,
  plan: BreachPlan,
  breach: Breach,
): Promise<void> {
  const { kind, request } = breach;
  const log = (step: string) => ({
    step,
    kind,
    requestId: String(request._id),
    channel: request.channelId,
  });
  if (plan.alertChannel) {
    const channel = plan.alertChannel;
    const { accountId } = ctx.channel;
    const account = accountId ? await deps.models.accounts.findById(accountId).lean() : null;
    const message = slaBreachAlert({
      kind,
      request,
      dueAt: breach.due,
      now: breach.now,
      channelName: ctx.channel.name,
      customerName: account?.name,
      showPreview: plan.showPreview,
      suggestDiscard: plan.suggestDiscard,
    });
    await bestEffort(deps.logger, log('sla_alert'), () =>
      client.chat.postMessage({ channel, ...message }),
    );
  }
  if (plan.react) {
    const ts =
      plan.react === 'last_message' ? await latestTs(deps, client, ctx, request) : request.rootTs;
    await client.reactions
      .add({ channel: request.channelId, timestamp: ts, name: EMOJI.slaBreach })
      .catch((error: unknown) => {
        const slackError = slackErrorCode(error);
        if (slackError !== 'already_reacted')
          deps.logger.warn(
            { requestId: String(request._id), step: 'sla_reaction', slackError },
            'Slack call failed',
          );
      });
  }
  if (plan.holdingReply) {
    await bestEffort(deps.logger, log('holding_reply'), () =>
      client.chat.postMessage({
        channel: request.channelId,
        thread_ts: request.rootTs,
        text: slaHoldingReply(kind),
      }),
    );
  }
  if (plan.markRequest) await new RequestEffects(deps, client).updateNotification(ctx, request);
}

/** The customer's latest message of the request, reading its thread from Slack. */
async function latestTs(
  deps: BotDeps,
  client: WebClient,
  ctx: ChannelContext,
  request: RequestDoc,
): Promise<string> {
  const replies = await bestEffort(
    deps.logger,
    { requestId: String(request._id), step: 'sla_replies' },
    () => client.conversations.replies({ channel: request.channelId, ts: request.rootTs }),
  );
  return latestCustomerTs(request, replies?.messages ?? [], ctx.internalUserIds);
}
