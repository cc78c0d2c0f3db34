import type { Features } from '../settings/features.js';

/**
 * How agents classify a request (issue 11, parts 2 and 3): the values of the channel's
 * categories (`requests.categories[]`), its tags and its severity (`requests.support.tags[]`,
 * `requests.support.severity[]`). Pure rules: what a value may be, what a change records, and
 * whether a close may go ahead while a mandatory category is empty.
 */

type Category = Features['requests']['categories'][number];
type NamedValue = Features['requests']['support']['tags'][number];

/** The longest free-text category value kept (a Slack plain-text input's own limit is 3,000). */
export const MAX_TEXT_VALUE = 500;

/** One category's value on a request (an array of these is stored: names may hold `.` or `$`). */
export interface CategoryValue {
  name: string;
  value: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/**
 * A value typed or picked for `category`: trimmed; a select category takes one of its
 * `available_values` (by value, or by its display name, ignoring case), a text category any text up to
 * {@link MAX_TEXT_VALUE} characters. Empty is refused: clearing a value is not a value.
 *
 * @example
 * checkCategoryValue({ category_name: 'Area', type: 'select', available_values: [{ name: 'Billing', value: 'billing' }], … }, 'Billing'); // { ok: true, value: 'billing' }
 */
export function checkCategoryValue(category: Category, raw: string): Checked<string> {
  const value = raw.trim();
  if (!value) return fail(`${category.category_name} needs a value`);
  if (category.type === 'select') {
    const hit = matchNamed(category.available_values, value);
    if (!hit) {
      const offered = category.available_values.map((v) => v.name).join(', ');
      return fail(`${category.category_name} has no value "${value}" (one of: ${offered})`);
    }
    return { ok: true, value: hit.value };
  }
  if (value.length > MAX_TEXT_VALUE) {
    return fail(`${category.category_name} is at most ${MAX_TEXT_VALUE} characters`);
  }
  return { ok: true, value };
}

/** What a change of category values stores: the new list and the history it records. */
export interface CategoryChange {
  values: CategoryValue[];
  /** One entry per changed category whose `capture_change` is on. */
  history: { type: 'category'; field: string; from: string | null; to: string }[];
}

/**
 * Applies `changes` (category name → raw value) to a request's `current` values. Every change is
 * checked first; one bad value refuses them all (nothing is half-applied). A category the
 * channel does not define is refused by name. Unchanged values record nothing.
 */
export function changeCategories(
  categories: readonly Category[],
  current: readonly CategoryValue[],
  changes: Readonly<Record<string, string>>,
): Checked<CategoryChange> {
  const values = current.map((v) => ({ ...v }));
  const history: CategoryChange['history'] = [];
  for (const [name, raw] of Object.entries(changes)) {
    const category = categories.find((c) => c.category_name === name);
    if (!category) return fail(`this channel has no category "${name}"`);
    const checked = checkCategoryValue(category, raw);
    if (!checked.ok) return checked;
    const existing = values.find((v) => v.name === name);
    if (existing?.value === checked.value) continue;
    if (category.capture_change) {
      history.push({
        type: 'category',
        field: name,
        from: existing?.value ?? null,
        to: checked.value,
      });
    }
    if (existing) existing.value = checked.value;
    else values.push({ name, value: checked.value });
  }
  return { ok: true, value: { values, history } };
}

/** The mandatory-on-close categories that have no value yet, in the channel's order. */
export function missingOnClose(
  categories: readonly Category[],
  values: readonly CategoryValue[],
): Category[] {
  const set = new Set(values.filter((v) => v.value).map((v) => v.name));
  return categories.filter((c) => c.mandatory_on_close && !set.has(c.category_name));
}

/** Who is closing: an agent (card, ✅, `/triage`, API), the customer (👍, feedback), or a timer. */
export type Closer = 'agent' | 'customer' | 'auto';

/**
 * May a close go ahead while `missing` categories are empty? An agent is asked for them first
 * (the close happens once they are given); the customer and auto-close are never held up, and
 * the request is flagged "needs category" until an agent sets them.
 */
export function closeGate(
  closer: Closer,
  missing: readonly Category[],
): 'close' | 'ask' | 'close_flagged' {
  if (missing.length === 0) return 'close';
  return closer === 'agent' ? 'ask' : 'close_flagged';
}

/**
 * Tags picked for a request: each must be one of the channel's tags (by value or display
 * name), stored by value, duplicates dropped, in the order given.
 */
export function checkTags(
  allowed: readonly NamedValue[],
  picked: readonly string[],
): Checked<string[]> {
  const out: string[] = [];
  for (const raw of picked) {
    const hit = matchNamed(allowed, raw);
    if (!hit) return fail(`unknown tag "${raw.trim()}"${offered(allowed)}`);
    if (!out.includes(hit.value)) out.push(hit.value);
  }
  return { ok: true, value: out };
}

/** A severity: one of the channel's levels (by value or name), or `null` to clear it. */
export function checkSeverity(
  allowed: readonly NamedValue[],
  picked: string | null,
): Checked<string | null> {
  if (picked === null || picked.trim() === '') return { ok: true, value: null };
  const hit = matchNamed(allowed, picked);
  if (!hit) return fail(`unknown severity "${picked.trim()}"${offered(allowed)}`);
  return { ok: true, value: hit.value };
}

/** Case-insensitive match on value, then name: `/triage requests severity:high` finds `High`. */
function matchNamed(allowed: readonly NamedValue[], raw: string): NamedValue | undefined {
  const wanted = raw.trim().toLowerCase();
  return (
    allowed.find((v) => v.value.toLowerCase() === wanted) ??
    allowed.find((v) => v.name.toLowerCase() === wanted)
  );
}

function offered(allowed: readonly NamedValue[]): string {
  return allowed.length
    ? ` (one of: ${allowed.map((v) => v.name).join(', ')})`
    : ' (this channel defines none)';
}

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
  const text = JSON.stringify([request.severity, request.tags, categories]);
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: not a secret, only a change detector
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
  | { field: 'category'; name: string; values: readonly string[] };

export interface PickFacts {
  request: Classified & { status: string };
  /** `requests.support.severity[]` and `requests.support.tags[]` of the request's channel. */
  allowed: {
    severity: readonly NamedValue[];
    tags: readonly NamedValue[];
    categories?: readonly Category[];
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
