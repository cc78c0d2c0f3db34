import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import { SlaStore } from '../../db/repositories/request-sla.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { latestCustomerTs, type BreachPlan } from '../../sla/breach.js';
import type { SlaKind } from '../../sla/clocks.js';
import { slaBreachAlert, slaHoldingReply } from '../../views/sla-alert.js';
import type { SlackGateway } from '../../slack/gateway.js';
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
  slack: SlackGateway,
  ctx: ChannelContext,
  plan: BreachPlan,
  breach: Breach,
): Promise<void> {
  const { kind, request } = breach;
  const { channelId, rootTs } = request;
  const ids = { kind, requestId: String(request._id), channel: channelId };
  if (plan.alertChannel) {
    const account = await new WorkspaceStore(deps.models).account(ctx.channel.accountId);
    const message = slaBreachAlert({
      kind,
      request,
      dueAt: breach.due,
      now: breach.now,
      channelName: ctx.channel.name,
      customerName: account?.name,
      showPreview: plan.showPreview,
      hideChannelName: plan.hideChannelName,
      suggestDiscard: plan.suggestDiscard,
    });
    const alert = { channel: plan.alertChannel, ...message };
    await slack.post(alert, { bestEffort: { step: 'sla_alert', ...ids } });
  }
  if (plan.react) {
    const where = { requestId: ids.requestId, step: 'sla_replies' };
    const replies =
      plan.react === 'last_message'
        ? ((await slack.replies(channelId, rootTs, { bestEffort: where }))?.messages ?? [])
        : undefined;
    const ts = replies ? latestCustomerTs(request, replies, ctx.internalUserIds) : rootTs;
    const options = { expect: ['already_reacted'], bestEffort: { ...where, step: 'sla_reaction' } };
    await slack.react(channelId, ts, EMOJI.slaBreach, options);
  }
  if (plan.holdingReply) {
    const reply = { channel: channelId, thread_ts: rootTs, text: slaHoldingReply(kind) };
    await slack.post(reply, { bestEffort: { step: 'holding_reply', ...ids } });
  }
  if (plan.markRequest) await new RequestEffects(deps, slack).updateNotification(ctx, request);
  await new SlaStore(deps.models).alertSent(request._id, kind);
}
