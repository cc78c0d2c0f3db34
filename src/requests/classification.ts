import type { Features } from '../settings/features.js';

/**
 * How agents classify a request (issue 11, parts 2 and 3): the values of the channel's
 * categories (`requests.categories[]`), its tags and its severity (`requests.support.tags[]`,
 * `requests.support.severity[]`). Pure rules: what a value may be, what a change records, and
 * whether a close may go ahead while a mandatory category is empty.
 */

export type Category = Features['requests']['categories'][number];
export type NamedValue = Features['requests']['support']['tags'][number];

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
