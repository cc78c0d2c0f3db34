import {
  changeCategories,
  checkCategoryValue,
  checkSeverity,
  checkTags,
  type Category,
  type CategoryChange,
  type CategoryValue,
  type NamedValue,
} from './classification.js';

/**
 * Picks on the triage card and answers in the categories modal: who may classify, whether the
 * card was current, and what the pick changes (the value rules are `classification.ts`'s).
 */

/** What a triage card's pickers showed, as stored on the request. */
export interface Classified {
  severity: string | null;
  tags: readonly string[];
  categories?: readonly CategoryValue[];
}

/**
 * A short fingerprint of the classification a card shows, carried in the pickers' `block_id`:
 * a pick made on a card drawn before someone else changed the request has another stamp and is
 * refused as stale (Slack sends the block_id back, not what the card showed).
 */
export function classificationStamp(request: Classified): string {
  const categories = (request.categories ?? []).map((c) => [c.name, c.value]);
  return fingerprint(JSON.stringify([request.severity, request.tags, categories]));
}

/** A short fingerprint of a text (FNV-1a, 32 bits): not a secret, only a change detector. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** A pick on the card: the severity menu (one value or none) or the tags menu (a list). */
export type CardPick =
  | { field: 'severity'; values: readonly string[] }
  | { field: 'tags'; values: readonly string[] }
  | { field: 'category'; name: string; values: readonly string[] }
  /** No menu offers it: an AI suggestion's Apply sets it (one of `requests.ai.requestSubTypes`). */
  | { field: 'subtype'; values: readonly string[] };

export interface PickFacts {
  request: Classified & { status: string; subType?: string | null };
  /** `requests.support.severity[]` and `requests.support.tags[]` of the request's channel. */
  allowed: {
    severity: readonly NamedValue[];
    tags: readonly NamedValue[];
    categories?: readonly Category[];
    subtypes?: readonly string[];
  };
  /** Who picked, as `classifySender` sees them: only agents classify. */
  who: 'customer' | 'agent' | 'ignored';
  /** The stamp in the block the pick came from. */
  stamp: string;
  pick: CardPick;
}

export type PickDecision =
  | { kind: 'set'; field: 'severity'; from: string | null; to: string | null }
  | { kind: 'set'; field: 'tags'; from: string[]; to: string[] }
  | { kind: 'set'; field: 'category'; from: CategoryValue[]; to: CategoryChange }
  | { kind: 'set'; field: 'subtype'; from: string | null; to: string }
  | { kind: 'unchanged' }
  | { kind: 'refuse'; text: string };

export const NOT_AGENT =
  ':no_entry: Only the support team classifies requests; nothing was changed.';
export const STALE =
  ':warning: This card changed since you opened it; nothing was changed. Please pick again on the updated card.';

/**
 * May this person set this severity or these tags now? In order: an agent picks, on a request
 * that is not discarded, on a card showing the request as it is (its stamp), a value the channel
 * offers (a forged or outdated option is named in the refusal). Picking what is already stored
 * changes nothing.
 */
export function decidePick(facts: PickFacts): PickDecision {
  const { request, pick } = facts;
  if (facts.who !== 'agent') return { kind: 'refuse', text: NOT_AGENT };
  if (request.status === 'discarded' || facts.stamp !== classificationStamp(request)) {
    return { kind: 'refuse', text: STALE };
  }
  if (pick.field === 'category') {
    if (pick.values.length !== 1) return refusePick(`pick one value of ${pick.name}`);
    const from = [...(request.categories ?? [])];
    const changes = { [pick.name]: pick.values[0] as string };
    const checked = changeCategories(facts.allowed.categories ?? [], from, changes);
    if (!checked.ok) return refusePick(checked.error);
    if (sameValues(checked.value.values, from)) return { kind: 'unchanged' };
    return { kind: 'set', field: 'category', from, to: checked.value };
  }
  if (pick.field === 'subtype') {
    const wanted = pick.values.length === 1 ? (pick.values[0] as string) : '';
    const to = facts.allowed.subtypes?.find((s) => s.toLowerCase() === wanted.toLowerCase());
    if (!to) return refusePick(`unknown subtype "${wanted}"`);
    const from = request.subType ?? null;
    return to === from ? { kind: 'unchanged' } : { kind: 'set', field: 'subtype', from, to };
  }
  if (pick.field === 'severity') {
    if (pick.values.length > 1) return refusePick('pick one severity');
    const checked = checkSeverity(facts.allowed.severity, pick.values[0] ?? null);
    if (!checked.ok) return refusePick(checked.error);
    if (checked.value === request.severity) return { kind: 'unchanged' };
    return { kind: 'set', field: 'severity', from: request.severity, to: checked.value };
  }
  const checked = checkTags(facts.allowed.tags, pick.values);
  if (!checked.ok) return refusePick(checked.error);
  if (JSON.stringify(checked.value) === JSON.stringify(request.tags)) return { kind: 'unchanged' };
  return { kind: 'set', field: 'tags', from: [...request.tags], to: checked.value };
}

const refusePick = (error: string): PickDecision => ({
  kind: 'refuse',
  text: `:warning: Not saved: ${error}. Nothing was changed.`,
});

const sameValues = (a: readonly CategoryValue[], b: readonly CategoryValue[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Answers typed or picked in the categories modal (category name → raw value): each checked
 * on its own, so every bad field is named under itself; then applied as one change.
 */
export function answerCategories(
  categories: readonly Category[],
  current: readonly CategoryValue[],
  answers: Readonly<Record<string, string>>,
):
  | { ok: true; change: CategoryChange; changed: boolean }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const [name, raw] of Object.entries(answers)) {
    const category = categories.find((c) => c.category_name === name);
    if (!category) {
      errors[name] = `this channel has no category "${name}"`;
      continue;
    }
    const checked = checkCategoryValue(category, raw);
    if (!checked.ok) errors[name] = checked.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const applied = changeCategories(categories, current, answers);
  if (!applied.ok) return { ok: false, errors: { [Object.keys(answers)[0] ?? '']: applied.error } };
  return { ok: true, change: applied.value, changed: !sameValues(applied.value.values, current) };
}
