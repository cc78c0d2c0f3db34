import type { ModalView } from '@slack/types';
import { ClassificationStore } from '../../db/repositories/classification.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { closeGate, missingOnClose } from '../../requests/classification.js';
import { answerCategories, NOT_AGENT, STALE } from '../../requests/card-picks.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { CATEGORY_INPUT_BLOCK, categoriesModal } from '../../views/classification.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { closeNeedsCategoriesPrompt } from '../../views/classification.js';
import { applyRequestCommand } from './actions.js';
import { channelContext } from './context.js';
import { loadForPicker, type Picker } from './classify.js';
import { attributesChanged } from './hooks.js';
import { TriageCard } from './triage-card.js';

const NOTHING_TO_ASK = ':information_source: This channel has no such category any more.';

/**
 * The categories modal for an agent: the categories named (a text category's button), or with
 * `close` the mandatory ones a close still misses. Anyone else is answered a sentence instead.
 */
export async function categoriesView(
  deps: BotDeps,
  slack: SlackGateway,
  input: Picker & { names?: readonly string[]; close: boolean },
): Promise<{ ok: true; view: ModalView } | { ok: false; text: string }> {
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return loaded;
  const { request, ctx, who } = loaded;
  if (who !== 'agent') return { ok: false, text: NOT_AGENT };
  if (request.status === 'discarded') return { ok: false, text: STALE };
  const all = ctx.features.requests.categories;
  const asked = input.close
    ? missingOnClose(all, request.categories)
    : all.filter((c) => input.names?.includes(c.category_name));
  if (asked.length === 0) return { ok: false, text: NOTHING_TO_ASK };
  const state = { requestId: String(request._id), close: input.close };
  return { ok: true, view: categoriesModal(state, asked, request.categories) };
}

/** A modal's answers were refused: the error under each field (block id → sentence). */
export type CategoriesRefusal = { ok: false; errors: Record<string, string> };

/**
 * The categories modal's submission: checked field by field (an empty or too long answer, or a
 * value the channel does not offer, is named under its field and nothing is written), then
 * written once, conditional on the values read. `follow` is what comes after the modal closes:
 * the card redrawn and, for a close that asked for them, the close.
 */
export async function submitCategories(
  deps: BotDeps,
  slack: SlackGateway,
  input: Picker & { close: boolean; answers: Record<string, string> },
): Promise<CategoriesRefusal | { ok: true; follow: () => Promise<string | undefined> }> {
  const first = `${CATEGORY_INPUT_BLOCK}${Object.keys(input.answers)[0] ?? ''}`;
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return { ok: false, errors: { [first]: loaded.text } };
  const { request, ctx, who } = loaded;
  if (who !== 'agent') return { ok: false, errors: { [first]: NOT_AGENT } };
  if (request.status === 'discarded') return { ok: false, errors: { [first]: STALE } };
  const answered = answerCategories(
    ctx.features.requests.categories,
    request.categories,
    input.answers,
  );
  if (!answered.ok) {
    const errors = Object.entries(answered.errors).map(([name, error]) => [
      `${CATEGORY_INPUT_BLOCK}${name}`,
      error,
    ]);
    return { ok: false, errors: Object.fromEntries(errors) };
  }
  let after: RequestDoc | null = request;
  if (answered.changed) {
    const store = new ClassificationStore(deps.models);
    const now = deps.clock.now();
    after = await store.categories(
      request._id,
      request.categories,
      answered.change,
      input.userId,
      now,
    );
    if (!after) return { ok: false, errors: { [first]: STALE } };
  }
  const stored = after;
  return {
    ok: true,
    follow: async () => {
      if (answered.changed) {
        await new TriageCard(deps, slack).update(ctx, stored);
        await attributesChanged(deps, ctx, stored, input.userId);
      }
      if (!input.close) return undefined;
      const close = { kind: 'status' as const, to: 'closed' as const };
      return applyRequestCommand(deps, slack, { id: input.requestId }, close, input.userId);
    },
  };
}

/**
 * Before an agent closes a live request: the mandatory-on-close categories it still misses
 * (`closeGate` says "ask"), else undefined (the close goes ahead, or is refused as usual).
 */
export async function categoriesBeforeClose(
  deps: BotDeps,
  slack: SlackGateway,
  request: RequestDoc | null,
): Promise<{ request: RequestDoc; missing: string[] } | undefined> {
  if (!request || !LIVE_STATUSES.includes(request.status)) return undefined;
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return undefined;
  const missing = missingOnClose(ctx.features.requests.categories, request.categories);
  if (closeGate('agent', missing) !== 'ask') return undefined;
  return { request, missing: missing.map((c) => c.category_name) };
}

/**
 * ✅ by an agent on a request that misses mandatory categories: not closed; the agent gets an
 * ephemeral (a reaction brings no trigger_id to open a modal with) whose button opens the modal.
 * True when the close was held.
 */
export async function holdReactionClose(
  deps: BotDeps,
  slack: SlackGateway,
  find: { teamId: string; channelId: string; rootTs: string },
  userId: string,
): Promise<boolean> {
  const store = new RequestStore(deps.models);
  const held = await categoriesBeforeClose(
    deps,
    slack,
    await store.byRoot(find.teamId, find.channelId, find.rootTs),
  );
  if (!held) return false;
  const prompt = closeNeedsCategoriesPrompt(String(held.request._id), held.missing);
  await slack.postEphemeral(
    { channel: find.channelId, user: userId, ...prompt },
    { bestEffort: { step: 'close_needs_categories', requestId: String(held.request._id) } },
  );
  return true;
}

/**
 * The card's Close (or, with `customersMayClose`, the close nudge's) by an agent on a request that
 * misses mandatory categories: the modal asking for them opens instead (the close follows its
 * submission). True when the close was held.
 */
export async function askCategoriesBeforeClose(
  deps: BotDeps,
  slack: SlackGateway,
  picker: Picker,
  triggerId: string,
  channelId: string | undefined,
  options: { customersMayClose?: boolean } = {},
): Promise<boolean> {
  const request = await new RequestStore(deps.models).byKey(picker.requestId);
  if (request?.teamId !== picker.teamId) return false;
  if (!(await categoriesBeforeClose(deps, slack, request))) return false;
  if (options.customersMayClose) {
    // A button the customer sees too (the close nudge): only an agent's close is held.
    const loaded = await loadForPicker(deps, slack, picker);
    if (!loaded.ok || loaded.who !== 'agent') return false;
  }
  const outcome = await categoriesView(deps, slack, { ...picker, close: true });
  const bestEffort = { step: 'close_needs_categories', requestId: picker.requestId };
  if (outcome.ok)
    await slack.openView({ trigger_id: triggerId, view: outcome.view }, { bestEffort });
  else if (channelId) {
    const refusal = { channel: channelId, user: picker.userId, text: outcome.text };
    await slack.postEphemeral(refusal, { bestEffort });
  }
  return true;
}
