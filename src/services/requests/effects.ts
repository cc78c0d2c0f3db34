import type { WebClient } from '@slack/web-api';
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
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import type { ChannelContext } from './context.js';
import { runHooks } from './hooks.js';
import { logStep, TriageCard } from './triage-card.js';

export { TRIAGE_CARD_EVENT } from './triage-card.js';

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
    private readonly client: WebClient,
  ) {
    this.card = new TriageCard(deps, client);
  }

  async created(ctx: ChannelContext, request: RequestDoc, firstInChannel: boolean): Promise<void> {
    const config = ctx.features.requests.config;
    await this.apply(ctx, request, effectsOfCreation(request, ctx.channel, firstInChannel, config));
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

  private async apply(
    ctx: ChannelContext,
    request: RequestDoc,
    effects: readonly Effect[],
    change?: Change,
  ) {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'card':
          if (effect.mode === 'ensure') await this.card.ensure(ctx, request);
          else await this.card.update(ctx, request);
          break;
        case 'mark':
          await this.mark(request, effect.from, effect.to);
          break;
        case 'post': {
          const csm = effect.asCsm ? await this.csmIdentity(ctx) : {};
          await bestEffort(this.deps.logger, logStep(request, effect.step), () =>
            this.client.chat.postMessage({
              channel: effect.channel,
              ...(effect.threadTs ? { thread_ts: effect.threadTs } : {}),
              text: effect.text,
              ...csm,
            }),
          );
          break;
        }
        case 'ephemeral':
          await bestEffort(this.deps.logger, logStep(request, effect.step), () =>
            this.client.chat.postEphemeral({
              channel: effect.channel,
              user: effect.user,
              ...(effect.threadTs ? { thread_ts: effect.threadTs } : {}),
              text: effect.text,
            }),
          );
          break;
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
    const target = { channel: request.channelId, timestamp: request.rootTs };
    const warn = (step: string, expected: string) => (error: unknown) => {
      if (slackErrorCode(error) === expected) return;
      const slackError = slackErrorCode(error);
      this.deps.logger.warn({ ...logStep(request, step), slackError }, 'Slack call failed');
    };
    if (from && EMOJI.status[from] !== EMOJI.status[to]) {
      await this.client.reactions
        .remove({ ...target, name: EMOJI.status[from] })
        .catch(warn('unmark', 'no_reaction'));
    }
    await this.client.reactions
      .add({ ...target, name: EMOJI.status[to] })
      .catch(warn('mark', 'already_reacted'));
  }

  private async csmIdentity(
    ctx: ChannelContext,
  ): Promise<{ username?: string; icon_url?: string }> {
    const user = ctx.channel.csmUserId;
    if (!user) return {};
    const info = await bestEffort(this.deps.logger, { step: 'csm_identity' }, () =>
      this.client.users.info({ user }),
    );
    const profile = info?.user?.profile;
    return profile
      ? { username: profile.display_name || profile.real_name, icon_url: profile.image_72 }
      : {};
  }
}
