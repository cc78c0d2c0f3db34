import { aiGate } from '../../ai/policy.js';
import { claimOnce, releaseClaim, type RequestDoc } from '../../db/models/index.js';
import { ClassificationStore } from '../../db/repositories/classification.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import {
  ClassifyAnswer,
  classifyChoices,
  classifyPromptValues,
  keepOffered,
  splitAnswer,
  type Classification,
} from '../../requests/ai-classification.js';
import type { CardPick } from '../../requests/card-picks.js';
import { NOT_AGENT } from '../../requests/card-picks.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { applyPicks, loadForPicker, type Picker } from '../requests/classify.js';
import type { ChannelContext } from '../requests/context.js';
import { attributesChanged, type RequestHooks } from '../requests/hooks.js';
import { TriageCard } from '../requests/triage-card.js';
import { aiProvider } from './provider.js';

/** The claim that makes a request's classification asked once, however often its event comes. */
const classifiedKey = (requestId: string) => `ai_classify:${requestId}`;

/**
 * AI classification (issue 16): a new request in a channel with an AI provider and something
 * for the model to choose from (`classifyChoices`) is sent to the `classify` prompt once. Of the
 * answer only configured values are kept (the rest is logged and dropped); `autoassign_by_ai`
 * categories are set at once, as the bot, through the same path as an agent's pick; the rest is
 * stored as a suggestion the card shows with **Apply** / **Dismiss**. A malformed answer, a failed
 * call or the month's budget used up leaves the request as it was.
 */
export const classifyHooks: RequestHooks = {
  async created(deps, ctx, opened) {
    const choices = classifyChoices(ctx.features);
    if (!opened.text.trim() || !aiGate(aiProvider(deps).configured, Boolean(choices)).send) return;
    if (!choices) return;
    const requestId = String(opened._id);
    if (!(await claimOnce(deps.models.claims, classifiedKey(requestId), deps.clock.now()))) return;
    const values = classifyPromptValues(choices, opened.text);
    const answer = await aiProvider(deps).ask(opened.teamId, 'classify', values, ClassifyAnswer);
    if (!answer) return;
    const { kept, dropped } = keepOffered(answer, choices);
    if (dropped.length) {
      deps.logger.info({ requestId, dropped }, 'AI classification: values not configured, dropped');
    }
    const slack = await deps.slack(opened.teamId);
    try {
      await classified(deps, slack, ctx, opened, kept);
    } catch (error) {
      // Nothing stored: a redelivery may ask again.
      await releaseClaim(deps.models.claims, classifiedKey(requestId));
      throw error;
    }
  },
};

/** Sets the `autoassign_by_ai` categories, stores the suggestion, redraws the card once. */
async function classified(
  deps: BotDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  opened: RequestDoc,
  kept: Classification,
): Promise<void> {
  const store = new ClassificationStore(deps.models);
  const fresh = (await new RequestStore(deps.models).byId(String(opened._id))) ?? opened;
  const { auto, suggestion } = splitAnswer(kept, ctx.features.requests.categories, fresh);
  const picks: CardPick[] = auto.map((v) => ({
    field: 'category',
    name: v.name,
    values: [v.value],
  }));
  const set = await applyPicks(deps, ctx, fresh, picks, 'bot');
  let after = set.request;
  if (suggestion) after = (await store.suggest(after._id, suggestion, deps.clock.now())) ?? after;
  if (!set.changed && !suggestion) return;
  await new TriageCard(deps, slack).update(ctx, after);
  if (set.changed) await attributesChanged(deps, ctx, after, 'bot');
}

const ALREADY =
  ':information_source: This suggestion was already applied or dismissed; nothing was changed.';

/**
 * An agent's **Apply** or **Dismiss** of a request's suggestion: the first click settles it (a
 * double click changes nothing more). Apply sets the subtype, adds the tags and sets the
 * categories as the agent's own picks would (history, webhook and rule events, reports), then
 * the card is redrawn without the suggestion. Answers the sentence for the clicker, if any.
 */
export async function settleSuggestion(
  deps: BotDeps,
  slack: SlackGateway,
  input: Picker & { action: 'apply' | 'dismiss' },
): Promise<string | undefined> {
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return loaded.text;
  const { request, ctx, who } = loaded;
  if (who !== 'agent') return NOT_AGENT;
  const suggestion = request.aiSuggestion;
  const store = new ClassificationStore(deps.models);
  const state = input.action === 'apply' ? 'applied' : 'dismissed';
  const settled =
    suggestion?.state === 'pending' &&
    (await store.settleSuggestion(request._id, state, input.userId, deps.clock.now()));
  if (!suggestion || !settled) return ALREADY;
  let after = settled;
  let changed = false;
  if (input.action === 'apply') {
    const applied = await applyPicks(
      deps,
      ctx,
      settled,
      picksOf(suggestion, settled),
      input.userId,
    );
    ({ request: after, changed } = applied);
  }
  await new TriageCard(deps, slack).update(ctx, after);
  if (changed) await attributesChanged(deps, ctx, after, input.userId);
  return undefined;
}

/** A suggestion as picks: its subtype, the request's tags and its tags, each category. */
function picksOf(suggestion: Classification, request: RequestDoc): CardPick[] {
  const tags = [...request.tags, ...suggestion.tags.filter((t) => !request.tags.includes(t))];
  return [
    ...(suggestion.subType ? [{ field: 'subtype' as const, values: [suggestion.subType] }] : []),
    ...(suggestion.tags.length ? [{ field: 'tags' as const, values: tags }] : []),
    ...suggestion.categories.map((v) => ({
      field: 'category' as const,
      name: v.name,
      values: [v.value],
    })),
  ];
}
