import { z } from 'zod';
import { fingerprint } from '../requests/card-picks.js';
import { checkFieldValue, type FieldDefinition } from './definition.js';

/**
 * Custom field values on a request (issue 11, part 4): which of the workspace's definitions
 * apply to a channel, and what a set of answers changes. Pure: plain data in, decisions out.
 */

/** One value stored on a request, by the definition's key: a number for a number field, else text. */
export const FieldValue = z.object({ key: z.string(), value: z.union([z.string(), z.number()]) });
export type FieldValue = z.infer<typeof FieldValue>;

/** A definition as stored, with the id a channel's `requests.custom_fields[]` names it by. */
export interface StoredDefinition extends FieldDefinition {
  id: string;
}

/**
 * The fields that apply to a channel: its `requests.custom_fields[]` whose `custom_field_id` is
 * a definition's id in the workspace, in the channel's order, each once. Ids of deleted (or
 * another workspace's) definitions are passed over.
 */
export function applicableFields(
  picked: readonly { custom_field_id: string }[],
  definitions: readonly StoredDefinition[],
): StoredDefinition[] {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const seen = new Set<string>();
  return picked.flatMap(({ custom_field_id: id }) => {
    const definition = byId.get(id);
    if (!definition || seen.has(id)) return [];
    seen.add(id);
    return [definition];
  });
}

/** One change of one field, for the request's history (values as text; null is "not set"). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export type FieldAnswers =
  | { ok: true; values: FieldValue[]; changes: FieldChange[] }
  | { ok: false; errors: Record<string, string> };

const asText = (value: string | number | undefined | null) =>
  value === undefined || value === null ? null : String(value);

/**
 * Answers (key → raw value, as a modal or the API sends them) applied to the values a request (or
 * a contact) holds. Every key is checked on its own (a key no field of `fields` has, said by
 * `unknown`, or a value
 * `checkFieldValue` refuses, is named under that key) and nothing changes unless all pass. An
 * empty answer or `null` clears the field; a key not answered keeps its value. `changes` lists
 * only the fields whose value really changed.
 *
 * @example
 * // Seats 10 → "12", Plan unset → "" : values [{seats: 12}], one change (seats 10 → 12)
 */
export function answerFields(
  fields: readonly FieldDefinition[],
  current: readonly FieldValue[],
  answers: Readonly<Record<string, unknown>>,
  unknown: (key: string) => string = (key) => `no field "${key}" applies to this request's channel`,
): FieldAnswers {
  // Entries, not an object: a key such as `__proto__` is named like any other.
  const errors: [string, string][] = [];
  const next = new Map<string, string | number | null>();
  for (const [key, raw] of Object.entries(answers)) {
    const field = fields.find((f) => f.key === key);
    const held = current.find((v) => v.key === key)?.value;
    // A value sent back as it is stays, even one a list no longer offers.
    if (held !== undefined && asText(held) === asText(raw as string | number)) continue;
    if (!field) {
      errors.push([key, unknown(key)]);
      continue;
    }
    const checked = checkFieldValue(field, raw);
    if (checked.ok) next.set(key, checked.value);
    else errors.push([key, checked.error]);
  }
  if (errors.length > 0) return { ok: false, errors: Object.fromEntries(errors) };
  // Stored and recorded in the order of the fields, then any value of a field no longer applied.
  const order = (key: string) => {
    const index = fields.findIndex((f) => f.key === key);
    return index === -1 ? fields.length : index;
  };
  const changes: FieldChange[] = [];
  for (const [key, value] of next) {
    const from = asText(current.find((v) => v.key === key)?.value);
    const to = asText(value);
    if (from !== to) changes.push({ field: key, from, to });
  }
  changes.sort((a, b) => order(a.field) - order(b.field));
  const kept = current.filter((v) => !next.has(v.key));
  const set = [...next].flatMap(([key, value]) => (value === null ? [] : [{ key, value }]));
  const values = [...kept, ...set].sort((a, b) => order(a.key) - order(b.key));
  return { ok: true, values: changes.length > 0 ? values : [...current], changes };
}

/**
 * A fingerprint of a request's values, carried by the modal: a submission made on values someone
 * else has changed since the modal opened is refused as stale rather than overwriting them.
 */
export const valuesStamp = (values: readonly FieldValue[]): string =>
  fingerprint(JSON.stringify(values.map((v) => [v.key, v.value])));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A value as people read it: a date `2026-12-01` → "1 Dec 2026", a number or text as it is. */
export function shownValue(field: Pick<FieldDefinition, 'type'>, value: string | number): string {
  const date = field.type === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value)) : null;
  if (!date) return String(value);
  const [, year, month, day] = date;
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}
