import { z } from 'zod';
import { WebhookUrl } from './webhook.js';

/**
 * Automation rules (issue 12, part 5): seed 003's shape. A rule names an event, conditions on
 * the request's attributes and actions to apply through the same services as a person's.
 * Pure: the rule language, its validation and whether a rule matches a request.
 */

export const RULE_EVENTS = [
  'conversation_created',
  'conversation_updated',
  'message_created',
  'conversation_status_changed',
] as const;
export const RuleEvent = z.enum(RULE_EVENTS);
export type RuleEvent = z.infer<typeof RuleEvent>;

export const FILTER_OPERATORS = [
  'equal_to',
  'not_equal_to',
  'contains',
  'does_not_contain',
  'is_present',
  'is_not_present',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const ATTRIBUTES = [
  'status',
  'priority',
  'labels',
  'severity',
  'assignee_id',
  'channel_id',
  'account_id',
  'content',
  'message_type',
] as const;
/** The prefix of a condition on a custom attribute: `custom_attribute:<key>`. */
export const CUSTOM = 'custom_attribute:';

export const ACTION_NAMES = [
  'assign_agent',
  'assign_team',
  'add_label',
  'remove_label',
  'change_priority',
  'change_status',
  'send_message',
  'send_webhook_event',
  'send_slack_message',
  'set_severity',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** The most conditions and actions a rule holds, and rules a workspace keeps. */
export const MAX_PARTS = 20;
export const MAX_RULES = 100;

const Value = z.union([z.string().max(500), z.number(), z.boolean()]);

export const RuleCondition = z.strictObject({
  attribute_key: z
    .string()
    .refine(
      (key) =>
        (ATTRIBUTES as readonly string[]).includes(key) ||
        (key.startsWith(CUSTOM) && key.length > CUSTOM.length && key.length <= 100),
      { error: `use one of ${ATTRIBUTES.join(', ')} or ${CUSTOM}<key>` },
    ),
  filter_operator: z.enum(FILTER_OPERATORS, {
    error: `use one of ${FILTER_OPERATORS.join(', ')}`,
  }),
  values: z.array(Value).max(50).default([]),
  // Seed 003 sends "nil" on the last condition.
  query_operator: z
    .enum(['and', 'or', 'nil'], { error: 'use and or or' })
    .nullable()
    .default(null)
    .transform((op) => (op === 'nil' ? null : op)),
});
export type RuleCondition = z.infer<typeof RuleCondition>;

const Params = z.array(Value).max(50).default([]);
const needsOne = [
  'assign_agent',
  'assign_team',
  'change_priority',
  'change_status',
  'set_severity',
];
const needsSome = ['add_label', 'remove_label', 'send_message', 'send_slack_message'];

export const RuleAction = z
  .strictObject({
    action_name: z.enum(ACTION_NAMES, { error: `use one of ${ACTION_NAMES.join(', ')}` }),
    action_params: Params,
  })
  .superRefine((action, ctx) => {
    const n = action.action_params.length;
    if (needsOne.includes(action.action_name) && n !== 1) {
      ctx.addIssue({ code: 'custom', path: ['action_params'], message: 'give exactly one value' });
    }
    if (needsSome.includes(action.action_name) && n === 0) {
      ctx.addIssue({ code: 'custom', path: ['action_params'], message: 'give at least one value' });
    }
    if (action.action_name === 'send_webhook_event') {
      const url = WebhookUrl.safeParse(action.action_params[0]);
      if (n !== 1 || !url.success) {
        const message = n !== 1 ? 'give exactly one URL' : url.error?.issues[0]?.message;
        ctx.addIssue({ code: 'custom', path: ['action_params'], message: String(message) });
      }
    }
    if (action.action_name === 'send_slack_message' && n !== 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['action_params'],
        message: 'give the channel id and the text: ["C0123", "text"]',
      });
    }
  });
export type RuleAction = z.infer<typeof RuleAction>;

const fields = {
  name: z.string().trim().min(1, 'a rule needs a name').max(200),
  description: z.string().max(2_000).default(''),
  event_name: RuleEvent,
  active: z.boolean().default(true),
  conditions: z.array(RuleCondition).max(MAX_PARTS).default([]),
  actions: z.array(RuleAction).min(1, 'a rule needs at least one action').max(MAX_PARTS),
};

/** `POST /api/v1/automation_rules`. */
export const RuleCreate = z.strictObject(fields).meta({ id: 'AutomationRuleCreate' });
export type RuleCreate = z.infer<typeof RuleCreate>;

/** `PATCH|PUT /api/v1/automation_rules/{id}`: any fields. */
export const RuleUpdate = z
  .strictObject({
    name: fields.name.optional(),
    description: z.string().max(2_000).optional(),
    event_name: RuleEvent.optional(),
    active: z.boolean().optional(),
    conditions: z.array(RuleCondition).max(MAX_PARTS).optional(),
    actions: fields.actions.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'AutomationRuleUpdate' });
export type RuleUpdate = z.infer<typeof RuleUpdate>;

/** What a rule is matched against: the request's attributes at the event. */
export interface RuleFacts {
  status: string;
  priority: string | null;
  labels: readonly string[];
  severity: string | null;
  assignee_id: string | null;
  channel_id: string;
  account_id: string | null;
  content: string;
  /** On `message_created`: the new message's kind (seed 003's `message_type`); else null. */
  message_type: 'incoming' | 'outgoing' | null;
  custom: Readonly<Record<string, unknown>>;
}

type Attribute = string | readonly string[] | null;

function attribute(facts: RuleFacts, key: string): Attribute {
  if (key.startsWith(CUSTOM)) {
    const value = facts.custom[key.slice(CUSTOM.length)];
    if (value === undefined || value === null || value === '') return null;
    return Array.isArray(value) ? value.map(String) : String(value);
  }
  if (key === 'custom') return null;
  const value = facts[key as Exclude<keyof RuleFacts, 'custom'>];
  return value === '' ? null : value;
}

const lower = (s: unknown) => String(s).toLowerCase();

/** A condition as stored and matched (values of any JSON kind). */
export interface Condition {
  attribute_key: string;
  filter_operator: FilterOperator;
  values: readonly unknown[];
  query_operator: 'and' | 'or' | null;
}

/** One condition alone; text compares without case. */
export function conditionHolds(condition: Condition, facts: RuleFacts): boolean {
  const value = attribute(facts, condition.attribute_key);
  const present = value !== null && !(Array.isArray(value) && value.length === 0);
  const wanted = condition.values.map(lower);
  const items = value === null ? [] : Array.isArray(value) ? value.map(lower) : [lower(value)];
  switch (condition.filter_operator) {
    case 'is_present':
      return present;
    case 'is_not_present':
      return !present;
    case 'equal_to':
      return wanted.some((w) => items.includes(w));
    case 'not_equal_to':
      return !wanted.some((w) => items.includes(w));
    case 'contains':
      return wanted.some((w) => items.some((item) => item.includes(w)));
    case 'does_not_contain':
      return !wanted.some((w) => items.some((item) => item.includes(w)));
  }
}

/**
 * Whether the conditions hold, read left to right: each condition's `query_operator` joins it
 * to the next one (seed 003's way), `and` by default. No conditions: always.
 */
export function ruleMatches(conditions: readonly Condition[], facts: RuleFacts): boolean {
  if (conditions.length === 0) return true;
  let result = conditionHolds(conditions[0] as Condition, facts);
  for (let i = 1; i < conditions.length; i++) {
    const join = (conditions[i - 1] as Condition).query_operator ?? 'and';
    const holds = conditionHolds(conditions[i] as Condition, facts);
    result = join === 'or' ? result || holds : result && holds;
  }
  return result;
}

/** Changes made by a rule carry this `by`; they never trigger rules again (the loop guard). */
export const RULE_BY = 'rule:';
export const ruleBy = (ruleId: string, name: string) => `${RULE_BY}${ruleId}:${name}`;
export const byRule = (by: string) => by.startsWith(RULE_BY);
