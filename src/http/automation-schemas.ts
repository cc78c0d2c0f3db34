import { z } from 'zod';
import { ACTION_NAMES, FILTER_OPERATORS, RULE_EVENTS } from '../desk/automation.js';

/** Automation rules (seed 003), the token's workspace standing for its account. */
export {
  RuleCreate as AutomationRuleCreate,
  RuleUpdate as AutomationRuleUpdate,
} from '../desk/automation.js';

export const AutomationRuleIdParams = z.object({ id: z.string() });

const Value = z.union([z.string(), z.number(), z.boolean()]);

export const AutomationRuleResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    event_name: z.enum(RULE_EVENTS),
    active: z.boolean(),
    conditions: z.array(
      z.object({
        attribute_key: z.string(),
        filter_operator: z.enum(FILTER_OPERATORS),
        values: z.array(Value),
        query_operator: z.enum(['and', 'or']).nullable(),
      }),
    ),
    actions: z.array(
      z.object({ action_name: z.enum(ACTION_NAMES), action_params: z.array(Value) }),
    ),
    account_id: z.string().describe('The workspace (Slack team id)'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'AutomationRule' });
export type AutomationRuleResponse = z.infer<typeof AutomationRuleResponse>;

export const AutomationRunResponse = z
  .object({
    id: z.string(),
    rule_id: z.string(),
    conversation_id: z.string().describe('The request the rule ran on'),
    event_name: z.enum(RULE_EVENTS),
    actions: z.array(
      z.object({
        action_name: z.enum(ACTION_NAMES),
        outcome: z.enum(['done', 'failed']),
        error: z.string().nullable(),
      }),
    ),
    result: z.enum(['done', 'failed']),
    at: z.iso.datetime(),
  })
  .meta({ id: 'AutomationRun' });
export type AutomationRunResponse = z.infer<typeof AutomationRunResponse>;
