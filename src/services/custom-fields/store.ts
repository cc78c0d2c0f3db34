import type { FieldAnswers } from '../../custom-fields/values.js';
import type { RequestDoc } from '../../db/models/index.js';
import { FieldValueStore } from '../../db/repositories/field-values.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import type { ChannelContext } from '../requests/context.js';
import { attributesChanged } from '../requests/hooks.js';
import { TriageCard } from '../requests/triage-card.js';

type Answered = Extract<FieldAnswers, { ok: true }>;

/**
 * Writes answers already checked (`answerFields`) once, conditional on the values they were
 * checked against, with a history entry per changed field; `follow` redraws the card and runs
 * the rules on `conversation_updated`. Not ok when
 * someone else changed the values meanwhile (nothing written). No change writes nothing.
 */
export async function storeAnswers(
  deps: BotDeps,
  slack: SlackGateway,
  input: { request: RequestDoc; ctx: ChannelContext; answered: Answered; by: string },
): Promise<{ ok: false } | { ok: true; request: RequestDoc; follow: () => Promise<void> }> {
  const { request, ctx, answered, by } = input;
  if (answered.changes.length === 0) return { ok: true, request, follow: async () => {} };
  const after = await new FieldValueStore(deps.models).set(
    request._id,
    request.customFields,
    answered.values,
    answered.changes,
    by,
    deps.clock.now(),
  );
  if (!after) return { ok: false };
  const follow = async () => {
    await new TriageCard(deps, slack).update(ctx, after);
    await attributesChanged(deps, ctx, after, by);
  };
  return { ok: true, request: after, follow };
}
