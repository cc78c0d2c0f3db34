import type { ModalView } from '@slack/types';
import { answerFields, valuesStamp } from '../../custom-fields/values.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import type { BotDeps } from '../../deps.js';
import { STALE } from '../../requests/card-picks.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { customFieldsModal, FIELD_INPUT_BLOCK } from '../../views/custom-fields.js';
import { loadForPicker, type Picker } from '../requests/classify.js';
import { storeAnswers } from './store.js';

export const NOT_AGENT =
  ":no_entry: Only the support team edits a request's fields; nothing was changed.";
const NO_FIELDS =
  ':warning: This card is out of date: its channel has no custom fields any more; nothing was changed.';

/**
 * A picker's request, its channel, who the picker is and the fields that apply, or the sentence
 * refusing them: only an agent edits, and not from an outdated card (a discarded request's, or
 * one whose channel no longer has fields).
 */
async function load(deps: BotDeps, slack: SlackGateway, input: Picker) {
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return loaded;
  const { request, ctx, who } = loaded;
  if (who !== 'agent') return { ok: false as const, text: NOT_AGENT };
  if (request.status === 'discarded') return { ok: false as const, text: STALE };
  const picked = ctx.features.requests.custom_fields;
  const fields = await new CustomFieldStore(deps.models).applicable(request.teamId, picked);
  if (fields.length === 0) return { ok: false as const, text: NO_FIELDS };
  return { ok: true as const, request, ctx, fields };
}

/** "Edit fields" on the card: the modal with one input per field, prefilled, or a refusal. */
export async function fieldsView(
  deps: BotDeps,
  slack: SlackGateway,
  input: Picker,
): Promise<{ ok: true; view: ModalView } | { ok: false; text: string }> {
  const loaded = await load(deps, slack, input);
  if (!loaded.ok) return loaded;
  const { request, fields } = loaded;
  const state = { requestId: String(request._id), stamp: valuesStamp(request.customFields) };
  return { ok: true, view: customFieldsModal(state, fields, request.customFields) };
}

/**
 * The modal's submission: refused under a field (block id → sentence) when a value is bad, when
 * someone else changed the values since the modal opened, or when the picker may not edit;
 * nothing is written then. Else the changed values are stored and `follow` redraws the card.
 */
export async function submitFields(
  deps: BotDeps,
  slack: SlackGateway,
  input: Picker & { stamp: string; answers: Record<string, string | null> },
): Promise<
  { ok: false; errors: Record<string, string> } | { ok: true; follow: () => Promise<void> }
> {
  const first = `${FIELD_INPUT_BLOCK}${Object.keys(input.answers)[0] ?? ''}`;
  const refuse = (text: string) => ({ ok: false as const, errors: { [first]: text } });
  const loaded = await load(deps, slack, input);
  if (!loaded.ok) return refuse(loaded.text);
  const { request, ctx, fields } = loaded;
  if (valuesStamp(request.customFields) !== input.stamp) return refuse(STALE_VALUES);
  const answered = answerFields(fields, request.customFields, input.answers);
  if (!answered.ok) {
    const errors = Object.entries(answered.errors).map(([key, e]) => [
      `${FIELD_INPUT_BLOCK}${key}`,
      e,
    ]);
    return { ok: false, errors: Object.fromEntries(errors) };
  }
  const stored = await storeAnswers(deps, slack, { request, ctx, answered, by: input.userId });
  if (!stored.ok) return refuse(STALE_VALUES);
  return { ok: true, follow: stored.follow };
}

const STALE_VALUES =
  ':warning: Someone changed these fields since you opened this; nothing was changed. Close and open "Edit fields" again.';
