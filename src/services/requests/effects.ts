import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import {
  EFFECTS_OF_REDELIVERY,
  effectsOfChange,
  effectsOfCreation,
  type Effect,
} from '../../requests/effects.js';
import type { RequestStatus } from '../../requests/request.js';
import type { SlackGateway } from '../../slack/gateway.js';
import type { ChannelContext } from './context.js';
import { runHooks } from './hooks.js';
import { logStep, TriageCard } from './triage-card.js';

/** What happened to the request, for the effects that follow it (`requests/effects.ts`). */
type Change = { before: RequestDoc; by: string } | undefined;

/**
 * Applies what people see follow a request's creation or change, as decided in
 * `requests/effects.ts`. Every Slack call is best effort: a failure is logged and never undoes
 * or loses the stored request.
 */
export class RequestEffects {
  private readonly card: TriageCard;

  constructor(
    private readonly deps: BotDeps,
    private readonly slack: SlackGateway,
  ) {
    this.card = new TriageCard(deps, slack);
  }

  async created(ctx: ChannelContext, request: RequestDoc, firstInChannel: boolean): Promise<void> {
    const config = ctx.features.requests.config;
    const effects = effectsOfCreation(request, ctx.channel, firstInChannel, config);
    await this.apply(ctx, request, effects, undefined, true);
  }

  /** A redelivered opening: finish what the first attempt may not have (all idempotent). */
  async createdAgain(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    await this.apply(ctx, request, EFFECTS_OF_REDELIVERY);
  }

  /** A change of status or assignee, made `by` a user or `bot`. */
  async changed(ctx: ChannelContext, before: RequestDoc, after: RequestDoc, by: string) {
    const effects = effectsOfChange(before, after, by, ctx.features.requests.config);
    await this.apply(ctx, after, effects, { before, by });
  }

  ensureNotification(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    return this.card.ensure(ctx, request);
  }

  updateNotification(ctx: ChannelContext, request: RequestDoc): Promise<void> {
    return this.card.update(ctx, request);
  }

  /** `creating`: the delivery whose insert made the request, and claimed its card with it. */
  private async apply(
    ctx: ChannelContext,
    request: RequestDoc,
    effects: readonly Effect[],
    change?: Change,
    creating = false,
  ) {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'card':
          if (effect.mode === 'ensure') await this.card.ensure(ctx, request, creating);
          else await this.card.update(ctx, request);
          break;
        case 'mark':
          await this.mark(request, effect.from, effect.to);
          break;
        case 'post': {
          const csm = effect.asCsm && ctx.channel.csmUserId;
          const identity = csm ? await this.slack.identity(csm, { step: 'csm_identity' }) : {};
          const { channel, threadTs: thread_ts, text } = effect;
          const message = { channel, thread_ts, text, ...identity };
          await this.slack.post(message, { bestEffort: logStep(request, effect.step) });
          break;
        }
        case 'ephemeral': {
          const { channel, user, threadTs: thread_ts, text } = effect;
          const message = { channel, user, thread_ts, text };
          await this.slack.postEphemeral(message, { bestEffort: logStep(request, effect.step) });
          break;
        }
        case 'hooks': {
          const { requestHooks: hooks } = this.deps;
          if (effect.moment === 'created') {
            await runHooks(hooks, 'created', this.deps, ctx, request);
          } else if (change) {
            await runHooks(hooks, 'changed', this.deps, ctx, change.before, request, change.by);
          }
        }
      }
    }
  }

  /** Swaps the status mark on the customer's message; a mark already gone or there is fine. */
  private async mark(request: RequestDoc, from: RequestStatus | undefined, to: RequestStatus) {
    const { channelId, rootTs } = request;
    if (from && EMOJI.status[from] !== EMOJI.status[to]) {
      const options = { expect: ['no_reaction'], bestEffort: logStep(request, 'unmark') };
      await this.slack.unreact(channelId, rootTs, EMOJI.status[from], options);
    }
    const options = { expect: ['already_reacted'], bestEffort: logStep(request, 'mark') };
    await this.slack.react(channelId, rootTs, EMOJI.status[to], options);
  }
}
