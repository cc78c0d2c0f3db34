import { ClassificationStore } from '../../db/repositories/classification.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { RequestDoc } from '../../db/models/index.js';
import { channelTags } from '../../requests/ai-classification.js';
import {
  classificationStamp,
  decidePick,
  STALE,
  type CardPick,
  type PickDecision,
  type PickFacts,
} from '../../requests/card-picks.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext, type ChannelContext } from './context.js';
import { senderOf } from './sender.js';
import { attributesChanged } from './hooks.js';
import { TriageCard } from './triage-card.js';

/** A pick on a triage card's severity or tags menu, as the listener read it. */
export interface CardPickInput extends Picker {
  /** The stamp the card's block carried (`classificationStamp` of what it showed). */
  stamp: string;
  pick: CardPick;
}

/** Who acts on a request from its card or a modal. */
export interface Picker {
  requestId: string;
  teamId: string;
  userId: string;
  botUserId?: string;
  /** The clicker's own Slack team, as the payload says it (`user.team_id`). */
  userTeamId?: string;
}

/**
 * The request (in the picker's workspace), its channel and who the picker is to it: what every
 * classification change starts from.
 */
export async function loadForPicker(deps: BotDeps, slack: SlackGateway, input: Picker) {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  if (!request || request.teamId !== input.teamId) {
    throw new AppError('request_not_found', `unknown request ${input.requestId}`);
  }
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return { ok: false as const, text: NOT_TRACKED };
  const identity = {
    teamId: request.teamId,
    botUserId: input.botUserId ?? '',
    userId: input.userId,
    userTeamId: input.userTeamId,
  };
  const who = await senderOf(slack, ctx, identity, request.requesterId);
  return { ok: true as const, request, ctx, who };
}

const NOT_TRACKED =
  ':warning: The bot no longer tracks the channel of this request; nothing was changed.';

/**
 * Sets a request's severity or tags from its card: load the request, its channel and who
 * picked, decide (`decidePick`), write once (conditional on the value the decision read), redraw
 * the card. Answers the sentence to show the picker instead, when nothing was written.
 */
export async function pickOnCard(
  deps: BotDeps,
  slack: SlackGateway,
  input: CardPickInput,
): Promise<{ ok: true } | { ok: false; text: string }> {
  const request = await new RequestStore(deps.models).byKey(input.requestId);
  if (!request || request.teamId !== input.teamId) {
    throw new AppError('request_not_found', `unknown request ${input.requestId}`);
  }
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return { ok: false, text: NOT_TRACKED };
  const identity = {
    teamId: request.teamId,
    botUserId: input.botUserId ?? '',
    userId: input.userId,
  };
  const who = await senderOf(slack, ctx, identity, request.requesterId);
  const decision = decidePick({
    request,
    allowed: pickChoices(ctx),
    who,
    stamp: input.stamp,
    pick: input.pick,
  });
  if (decision.kind === 'refuse') return { ok: false, text: decision.text };
  if (decision.kind === 'unchanged') return { ok: true };
  const after = await writePick(deps, request, decision, input.userId);
  if (!after) return { ok: false, text: STALE };
  await new TriageCard(deps, slack).update(ctx, after);
  await attributesChanged(deps, ctx, after, input.userId);
  return { ok: true };
}

/** What a channel lets a request be classified by (the AI tags among its tags). */
export function pickChoices(ctx: ChannelContext): PickFacts['allowed'] {
  const { requests } = ctx.features;
  return {
    severity: requests.support.severity,
    tags: channelTags(ctx.features),
    categories: requests.categories,
    subtypes: requests.ai.requestSubTypes,
  };
}

/** Writes a decided pick, conditional on the value the decision read; null when it moved on. */
export function writePick(
  deps: Pick<BotDeps, 'models' | 'clock'>,
  request: RequestDoc,
  decision: Extract<PickDecision, { kind: 'set' }>,
  by: string,
): Promise<RequestDoc | null> {
  const store = new ClassificationStore(deps.models);
  const now = deps.clock.now();
  switch (decision.field) {
    case 'severity':
      return store.severity(request._id, decision.from, decision.to, by, now);
    case 'tags':
      return store.tags(request._id, decision.from, decision.to, by, now);
    case 'category':
      return store.categories(request._id, decision.from, decision.to, by, now);
    case 'subtype':
      return store.subType(request._id, decision.from, decision.to, by, now);
  }
}

/**
 * Several picks made at once `by` an agent or the bot (an AI suggestion's Apply, an
 * `autoassign_by_ai` category), each decided and written as a pick on the current card would be;
 * a refused one is logged and skipped. The caller redraws the card and runs the `updated` hooks
 * once, when `changed`.
 */
export async function applyPicks(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
  picks: readonly CardPick[],
  by: string,
): Promise<{ request: RequestDoc; changed: boolean }> {
  let current = request;
  let changed = false;
  for (const pick of picks) {
    const stamp = classificationStamp(current);
    const facts = { request: current, allowed: pickChoices(ctx), who: 'agent' as const, stamp };
    const decision = decidePick({ ...facts, pick });
    if (decision.kind === 'refuse') {
      deps.logger.info({ requestId: String(request._id), pick, by }, 'pick not applied');
      continue;
    }
    if (decision.kind === 'unchanged') continue;
    const after = await writePick(deps, current, decision, by);
    if (after) {
      current = after;
      changed = true;
    }
  }
  return { request: current, changed };
}
