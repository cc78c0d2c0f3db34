import { z } from 'zod';
import type { Features } from '../settings/features.js';
import { checkCategoryValue, type Category, type CategoryValue } from './classification.js';

/**
 * AI classification (issue 16): what a channel lets the model choose from
 * (`requests.ai.requestSubTypes`, `requests.aiTags.*`, its `select` categories), what of an
 * answer is kept (only configured values), and which categories are set without a click
 * (`autoassign_by_ai`) while the rest is only suggested for an agent's Apply.
 */

/** What the model may choose from for a channel. */
export interface ClassifyChoices {
  subtypes: readonly string[];
  /** `aiTags.userDefinedTags` minus `blacklistedAITags` (compared ignoring case). */
  tags: readonly string[];
  /** The channel's `select` categories: a free-text category is never the model's to fill. */
  categories: readonly Category[];
}

/** A classification the model proposed, reduced to configured values. */
export interface Classification {
  subType: string | null;
  tags: string[];
  categories: CategoryValue[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The user-defined AI tags that are not blacklisted (ignoring case), each once, in order. */
export function aiTags(features: Features): string[] {
  const { userDefinedTags, blacklistedAITags } = features.requests.aiTags;
  const out: string[] = [];
  for (const tag of userDefinedTags) {
    if (blacklistedAITags.some((b) => same(b, tag)) || out.some((t) => same(t, tag))) continue;
    out.push(tag);
  }
  return out;
}

/**
 * The tags a request of the channel may carry: `requests.support.tags` and then the AI tags the
 * support list does not already name (by value or name, ignoring case), each its own name and value.
 * The card's tags menu offers them all, so a tag the model suggested can be picked off again.
 */
export function channelTags(features: Features): { name: string; value: string }[] {
  const support = features.requests.support.tags;
  const extra = aiTags(features).filter(
    (tag) => !support.some((s) => same(s.value, tag) || same(s.name, tag)),
  );
  return [...support, ...extra.map((tag) => ({ name: tag, value: tag }))];
}

/** What the model may choose from; undefined when the channel asks nothing of it. */
export function classifyChoices(features: Features): ClassifyChoices | undefined {
  const all = features.requests.categories;
  const subtypes = features.requests.ai.requestSubTypes;
  const tags = aiTags(features);
  const auto = all.some((c) => c.autoassign_by_ai && c.type === 'select');
  if (subtypes.length === 0 && tags.length === 0 && !auto) return undefined;
  return { subtypes, tags, categories: all.filter((c) => c.type === 'select') };
}

/** The classify prompt's placeholders for a request's text. */
export function classifyPromptValues(choices: ClassifyChoices, message: string) {
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : '(none)');
  const categories = choices.categories.length
    ? choices.categories
        .map((c) => `${c.category_name}: ${c.available_values.map((v) => v.value).join(', ')}`)
        .join('; ')
    : '(none)';
  return { subtypes: list(choices.subtypes), tags: list(choices.tags), categories, message };
}

/** The classify prompt's answer, loosely: every value is checked against the choices after. */
export const ClassifyAnswer = z.object({
  subtype: z.string().max(200).nullish(),
  tags: z.array(z.string().max(200)).max(50).nullish(),
  categories: z.record(z.string().max(200), z.string().max(200)).nullish(),
});
export type ClassifyAnswer = z.infer<typeof ClassifyAnswer>;

/**
 * Keeps what the model chose from the choices, by the configured spelling (matched ignoring
 * case; a category value by its value or name). Anything else (an invented subtype, tag,
 * category or value, a blacklisted tag) is dropped and named in `dropped`.
 *
 * @example
 * keepOffered({ subtype: 'BUG', tags: ['made-up'] }, { subtypes: ['bug'], tags: [], categories: [] });
 * // { kept: { subType: 'bug', tags: [], categories: [] }, dropped: ['tag "made-up"'] }
 */
export function keepOffered(
  answer: ClassifyAnswer,
  choices: ClassifyChoices,
): { kept: Classification; dropped: string[] } {
  const dropped: string[] = [];
  let subType: string | null = null;
  const rawSubtype = answer.subtype?.trim();
  if (rawSubtype) {
    subType = choices.subtypes.find((s) => same(s, rawSubtype)) ?? null;
    if (!subType) dropped.push(`subtype "${rawSubtype}"`);
  }
  const tags: string[] = [];
  for (const raw of answer.tags ?? []) {
    if (!raw.trim()) continue;
    const tag = choices.tags.find((t) => same(t, raw));
    if (!tag) dropped.push(`tag "${raw}"`);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  const categories: CategoryValue[] = [];
  for (const [name, raw] of Object.entries(answer.categories ?? {})) {
    if (!raw.trim()) continue;
    const category = choices.categories.find((c) => same(c.category_name, name));
    const checked = category ? checkCategoryValue(category, raw) : undefined;
    if (!category || !checked?.ok) dropped.push(`category "${name}": "${raw}"`);
    else categories.push({ name: category.category_name, value: checked.value });
  }
  return { kept: { subType, tags, categories }, dropped };
}

/**
 * What is set at once and what is offered: a category with `autoassign_by_ai` is set from the
 * answer without a click (seed 000: "auto-assigned by AI"); the subtype, the tags and the other
 * categories are only suggested. What the request already has is not suggested again; a
 * suggestion with nothing left is none.
 */
export function splitAnswer(
  kept: Classification,
  categories: readonly Category[],
  request: {
    subType: string | null;
    tags: readonly string[];
    categories: readonly CategoryValue[];
  },
): { auto: CategoryValue[]; suggestion: Classification | undefined } {
  const isAuto = (v: CategoryValue) =>
    categories.find((c) => c.category_name === v.name)?.autoassign_by_ai === true;
  const has = (v: CategoryValue) =>
    request.categories.some((c) => c.name === v.name && c.value === v.value);
  const auto = kept.categories.filter((v) => isAuto(v) && !has(v));
  const suggestion: Classification = {
    subType: kept.subType && kept.subType !== request.subType ? kept.subType : null,
    tags: kept.tags.filter((t) => !request.tags.includes(t)),
    categories: kept.categories.filter((v) => !isAuto(v) && !has(v)),
  };
  const empty = !suggestion.subType && !suggestion.tags.length && !suggestion.categories.length;
  return { auto, suggestion: empty ? undefined : suggestion };
}
