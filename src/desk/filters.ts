import { z } from 'zod';
import { RequestStatus } from '../requests/request.js';
import {
  conditionHolds,
  CUSTOM,
  MAX_PARTS,
  RuleCondition,
  type Condition,
  type RuleFacts,
} from './automation.js';
import { CONVERSATION_STATUS, StoredPriority } from './conversation.js';

/**
 * Saved conversation filters (issue 12, part 7; seed 003's custom filters): an agent's named
 * conditions, in the automation rules' condition language, and how those conditions read as one
 * MongoDB query on the requests collection. Pure.
 */

/** Seed 003's filter types; only conversation filters are kept for now. */
export const FILTER_TYPES = ['conversation', 'contact', 'report'] as const;
/** The most filters an agent keeps. */
export const MAX_FILTERS = 50;

const FilterType = z
  .enum(FILTER_TYPES, { error: `use one of ${FILTER_TYPES.join(', ')}` })
  .refine((type) => type === 'conversation', {
    error: (issue) => `${String(issue.input)} filters are not supported yet; use conversation`,
  });

/** Attributes a message has and a conversation does not. */
const MESSAGE_ONLY: readonly string[] = ['message_type'];

/** The conditions of a filter, in seed 003's envelope (`{payload: [conditions]}`). */
export const FilterPayload = z.strictObject({
  payload: z
    .array(RuleCondition)
    .min(1, 'a filter needs at least one condition')
    .max(MAX_PARTS)
    .superRefine((conditions, ctx) => {
      conditions.forEach((condition, index) => {
        if (!MESSAGE_ONLY.includes(condition.attribute_key)) return;
        ctx.addIssue({
          code: 'custom',
          path: [index, 'attribute_key'],
          message: `${condition.attribute_key} is a message's, for message_created rules; a filter selects conversations`,
        });
      });
    }),
});

const name = z.string().trim().min(1, 'a filter needs a name').max(80);

/** `POST /api/v1/custom_filters`. */
export const CustomFilterCreate = z
  .strictObject({
    name,
    filter_type: FilterType.default('conversation'),
    query: FilterPayload,
  })
  .meta({ id: 'CustomFilterCreate' });
export type CustomFilterCreate = z.infer<typeof CustomFilterCreate>;

/** `PATCH|PUT /api/v1/custom_filters/{id}`: any fields. */
export const CustomFilterUpdate = z
  .strictObject({
    name: name.optional(),
    filter_type: FilterType.optional(),
    query: FilterPayload.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'CustomFilterUpdate' });
export type CustomFilterUpdate = z.infer<typeof CustomFilterUpdate>;

/** What a query needs beyond the conditions: each customer account's channel ids. */
export interface FilterContext {
  accountChannels: ReadonlyMap<string, readonly string[]>;
  /**
   * The most custom attribute values a request of the workspace holds. A custom attribute is
   * tested entry by entry (`customFields.<i>.key` and `.value` together): FerretDB 1.24 takes no
   * `$elemMatch` on an entry's fields, and a path without the position would let one entry's key
   * and another's value match together.
   */
  customSlots: number;
}

/** A MongoDB query on the requests collection, as plain data. */
export type RequestQuery = Record<string, unknown>;

const NOTHING: RequestQuery = { _id: { $in: [] } };
const and = (...parts: RequestQuery[]): RequestQuery => ({ $and: parts });
const not = (part: RequestQuery): RequestQuery => ({ $nor: [part] });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lower = (value: unknown) => String(value).toLowerCase();

/** The stored field each free-text attribute reads (`labels` is the request's tags, a list). */
const FIELDS: Readonly<Record<string, string>> = {
  labels: 'tags',
  severity: 'severity',
  assignee_id: 'assigneeId',
  channel_id: 'channelId',
  content: 'text',
};

/** Facts with nothing set: a finite attribute is tried value by value on top of them. */
const BLANK: RuleFacts = {
  status: '',
  priority: null,
  labels: [],
  severity: null,
  assignee_id: null,
  channel_id: '',
  account_id: null,
  content: '',
  message_type: null,
  custom: {},
};

/** The values of a finite attribute for which the condition holds, by `ruleMatches` itself. */
function holding<T>(
  condition: Condition,
  values: readonly T[],
  facts: (v: T) => Partial<RuleFacts>,
) {
  return values.filter((value) => conditionHolds(condition, { ...BLANK, ...facts(value) }));
}

/** How a text test reads a field: a list of strings, or a custom attribute's entry. */
interface TextField {
  field: string;
  list?: boolean;
  /** A custom attribute: each test is on the `customFields` entry of this key (text or number). */
  custom?: { key: string; slots: number };
}

/**
 * A text test as `conditionHolds` makes it: present is set and not empty; equal to (or within)
 * any wanted value, without case; the negative operators are the positive ones' opposites.
 */
function textQuery(condition: Condition, { field, list, custom }: TextField): RequestQuery {
  const leaf = (test: unknown): RequestQuery => {
    if (!custom) return { [field]: test };
    if (custom.slots === 0) return NOTHING;
    const at = (i: number) => ({
      [`customFields.${i}.key`]: custom.key,
      [`customFields.${i}.${field}`]: test,
    });
    return { $or: Array.from({ length: custom.slots }, (_, i) => at(i)) };
  };
  const present = list ? { [`${field}.0`]: { $exists: true } } : leaf({ $nin: [null, ''] });
  const exact = condition.filter_operator.endsWith('equal_to');
  const matches = (w: string): RequestQuery[] => {
    const pattern = leaf({ $regex: exact ? `^${escape(w)}$` : escape(w), $options: 'i' });
    // A custom attribute may hold a number, which equals its text.
    const number = custom !== undefined && exact && w !== '' && String(Number(w)) === w;
    return number ? [pattern, leaf(Number(w))] : [pattern];
  };
  const wanted = condition.values.map(lower);
  const any = wanted.length === 0 ? NOTHING : and(present, { $or: wanted.flatMap(matches) });
  switch (condition.filter_operator) {
    case 'is_present':
      return present;
    case 'is_not_present':
      return not(present);
    case 'equal_to':
    case 'contains':
      return any;
    case 'not_equal_to':
    case 'does_not_contain':
      return not(any);
  }
}

/** The channels of the accounts for which the condition holds (any channel when null holds). */
function accountQuery(condition: Condition, ctx: FilterContext): RequestQuery {
  const accounts = [...ctx.accountChannels.keys()];
  const held = new Set(holding(condition, [...accounts, null], (id) => ({ account_id: id })));
  const channelsOf = (ids: (string | null)[]) =>
    ids.flatMap((id) => (id === null ? [] : [...(ctx.accountChannels.get(id) ?? [])]));
  if (held.has(null)) {
    return { channelId: { $nin: channelsOf(accounts.filter((id) => !held.has(id))) } };
  }
  return { channelId: { $in: channelsOf([...held]) } };
}

/** One condition as a query. */
export function conditionQuery(condition: Condition, ctx: FilterContext): RequestQuery {
  const key = condition.attribute_key;
  if (key.startsWith(CUSTOM)) {
    const custom = { key: key.slice(CUSTOM.length), slots: ctx.customSlots };
    return textQuery(condition, { field: 'value', custom });
  }
  if (key === 'status') {
    const statuses = holding(condition, RequestStatus.options, (s) => ({
      status: CONVERSATION_STATUS[s],
    }));
    return { status: { $in: statuses } };
  }
  if (key === 'priority') {
    const all = [...StoredPriority.options, null];
    return { priority: { $in: holding(condition, all, (priority) => ({ priority })) } };
  }
  if (key === 'account_id') return accountQuery(condition, ctx);
  const field = FIELDS[key];
  if (!field) throw new Error(`no query for attribute ${key}`);
  return textQuery(condition, { field, list: key === 'labels' });
}

/**
 * The conditions as ONE query on the requests collection that selects exactly the requests
 * `ruleMatches` accepts: read left to right, each condition's `query_operator` joining it to
 * the next (`(a or b) and c`). Finite attributes (status, priority, account) are decided by
 * trying `conditionHolds` on each value; text compares without case, as escaped patterns.
 * A `contains` on a number-valued custom attribute matches text values only.
 *
 * @example
 * filterQuery([{ attribute_key: 'status', filter_operator: 'equal_to', values: ['pending'], query_operator: null }], ctx);
 * // { status: { $in: ['on_hold'] } }
 */
export function filterQuery(conditions: readonly Condition[], ctx: FilterContext): RequestQuery {
  const [first, ...rest] = conditions;
  if (!first) return {};
  let query = conditionQuery(first, ctx);
  let previous = first;
  for (const condition of rest) {
    const join = previous.query_operator === 'or' ? '$or' : '$and';
    const next = conditionQuery(condition, ctx);
    const parts =
      join in query && Object.keys(query).length === 1 ? (query[join] as RequestQuery[]) : [query];
    query = { [join]: [...parts, next] };
    previous = condition;
  }
  return query;
}

/** Whether the conditions name a customer account (the query then needs its channels). */
export const namesAccount = (conditions: readonly Condition[]) =>
  conditions.some((condition) => condition.attribute_key === 'account_id');

/** Whether the conditions name a custom attribute (the query then needs `customSlots`). */
export const namesCustom = (conditions: readonly Condition[]) =>
  conditions.some((condition) => condition.attribute_key.startsWith(CUSTOM));
