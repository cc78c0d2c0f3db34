import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { ACTION_NAMES, FILTER_OPERATORS, RuleEvent } from '../../desk/automation.js';
import { bumpsConfigVersion } from './config-version.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** A rule's condition and action as stored (seed 003's field names, `src/desk/automation.ts`). */
const StoredCondition = z.object({
  attribute_key: z.string(),
  filter_operator: z.enum(FILTER_OPERATORS),
  values: z.array(z.unknown()),
  query_operator: z.enum(['and', 'or']).nullable(),
});
const StoredAction = z.object({
  action_name: z.enum(ACTION_NAMES),
  action_params: z.array(z.unknown()),
});

/**
 * A workspace's automation rule. Its writes bump the configuration version, so the rules a
 * message is matched against are cached per version and cost no read per message.
 */
export const AutomationRuleDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  name: z.string(),
  description: z.string().default(''),
  event: RuleEvent,
  active: z.boolean(),
  conditions: z.array(StoredCondition),
  actions: z.array(StoredAction),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AutomationRuleDoc = z.infer<typeof AutomationRuleDocument>;
export const parseAutomationRule = (doc: unknown): AutomationRuleDoc =>
  AutomationRuleDocument.parse(doc);

const RuleSchema = mongooseSchema(AutomationRuleDocument, {
  timestamps: true,
  collection: 'automation_rules',
});
RuleSchema.index({ teamId: 1, createdAt: 1 });
RuleSchema.plugin(bumpsConfigVersion, { volatile: [] });

export type AutomationRuleModel = Model<AutomationRuleDoc>;
export const automationRuleModel = (db: Connection): AutomationRuleModel =>
  db.models.AutomationRule ?? db.model<AutomationRuleDoc>('AutomationRule', RuleSchema);

export const ActionOutcome = z.enum(['done', 'failed']);

/** One run of a rule on a request: what each action did. */
export const AutomationRunDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  ruleId: z.string(),
  requestId: z.string(),
  event: RuleEvent,
  actions: z.array(
    z.object({
      action_name: z.enum(ACTION_NAMES),
      outcome: ActionOutcome,
      error: z.string().nullable(),
    }),
  ),
  result: ActionOutcome,
  at: z.date(),
});
export type AutomationRunDoc = z.infer<typeof AutomationRunDocument>;
export const parseAutomationRun = (doc: unknown): AutomationRunDoc =>
  AutomationRunDocument.parse(doc);

const RunSchema = mongooseSchema(AutomationRunDocument, { collection: 'automation_runs' });
RunSchema.index({ ruleId: 1, at: -1 });
RunSchema.index({ ruleId: 1, requestId: 1, event: 1 });

export type AutomationRunModel = Model<AutomationRunDoc>;
export const automationRunModel = (db: Connection): AutomationRunModel =>
  db.models.AutomationRun ?? db.model<AutomationRunDoc>('AutomationRun', RunSchema);
