import { answerFields, type FieldValue } from '../../custom-fields/values.js';
import { CustomFieldStore } from '../../db/repositories/custom-fields.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError, validationError } from '../../errors.js';
import { channelContext } from '../requests/context.js';
import { storeAnswers } from './store.js';

/** Tries of a write that someone else's change overtook: each reads the values afresh. */
const ATTEMPTS = 3;

/**
 * `POST /api/v1/conversations/{id}/custom_attributes`: sets custom field values on a request of
 * the caller's workspace (another workspace's or an unknown id is not found). Every key is
 * checked first (a key no field of the request's channel has, or a bad value, is a 422 naming
 * it, and nothing is written); then the changed values are stored with a history entry by `by`
 * and the card is redrawn (rules on `conversation_updated` run). Answers every value the request holds, by key.
 */
export async function setAttributes(
  deps: BotDeps,
  input: { teamId: string; requestId: string; attributes: Record<string, unknown>; by: string },
): Promise<Record<string, string | number>> {
  const requests = new RequestStore(deps.models);
  const slack = await deps.slack(input.teamId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const request = await requests.byKey(input.requestId);
    if (request?.teamId !== input.teamId) {
      throw new AppError('request_not_found', `unknown conversation ${input.requestId}`);
    }
    const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
    const picked = ctx?.features.requests.custom_fields ?? [];
    const fields = await new CustomFieldStore(deps.models).applicable(request.teamId, picked);
    const answered = answerFields(fields, request.customFields, input.attributes);
    if (!answered.ok) {
      throw validationError(
        Object.entries(answered.errors).map(([key, msg]) => ({
          loc: ['body', 'custom_attributes', key],
          msg,
          type: 'value_error',
        })),
      );
    }
    if (!ctx || answered.changes.length === 0) return valuesOf(request.customFields);
    const stored = await storeAnswers(deps, slack, { request, ctx, answered, by: input.by });
    if (!stored.ok) continue;
    await stored.follow();
    return valuesOf(stored.request.customFields);
  }
  throw new AppError('conflict', 'the conversation kept changing; try again');
}

const valuesOf = (values: readonly FieldValue[]) =>
  Object.fromEntries(values.map((v) => [v.key, v.value]));
