import type { WebClient } from '@slack/web-api';
import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { latestCustomerTs, type BreachPlan } from '../../sla/breach.js';
import type { SlaKind } from '../../sla/clocks.js';
import { slaBreachAlert, slaHoldingReply } from '../../views/sla-alert.js';
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
 * Applies a recorded breach's plan (`src/sla/breach.ts`) in Slack: the alert, then the
 * `sla_breach_config` actions; then takes the breach off the pending alerts. Best effort: a Slack
 * failure is logged and never undoes the recorded breach.
 */
export async function alertBreach(
  deps: BotDeps,
  client: WebClient,
  ctx: ChannelContext,
  plan: BreachPlan,
  breach: Breach,
): Promise<void> {
  const { kind, request } = breach;
  const ids = { kind, requestId: String(request._id), channel: request.channelId };
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
    await bestEffort(deps.logger, { step: 'sla_alert', ...ids }, () =>
      client.chat.postMessage({ channel, ...message }),
    );
  }
  if (plan.react) {
    let ts = request.rootTs;
    if (plan.react === 'last_message') {
      const thread = { channel: request.channelId, ts: request.rootTs };
      const replies = await bestEffort(
        deps.logger,
        { requestId: ids.requestId, step: 'sla_replies' },
        () => client.conversations.replies(thread),
      );
      ts = latestCustomerTs(request, replies?.messages ?? [], ctx.internalUserIds);
    }
    await client.reactions
      .add({ channel: request.channelId, timestamp: ts, name: EMOJI.slaBreach })
      .catch((error: unknown) => {
        const slackError = slackErrorCode(error);
        if (slackError !== 'already_reacted')
          deps.logger.warn(
            { requestId: ids.requestId, step: 'sla_reaction', slackError },
            'Slack call failed',
          );
      });
  }
  if (plan.holdingReply) {
    await bestEffort(deps.logger, { step: 'holding_reply', ...ids }, () =>
      client.chat.postMessage({
        channel: request.channelId,
        thread_ts: request.rootTs,
        text: slaHoldingReply(kind),
      }),
    );
  }
  if (plan.markRequest) await new RequestEffects(deps, client).updateNotification(ctx, request);
  await deps.models.requests.updateOne(
    { _id: request._id },
    { $pull: { 'sla.alertsPending': kind } },
  );
}
