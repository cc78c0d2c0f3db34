import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { RuleCreate, RuleEvent, RuleUpdate } from '../../desk/automation.js';
import { AppError } from '../../errors.js';
import { batcherOf } from '../insert-batcher.js';
import {
  claimOnce,
  parseAutomationRule,
  parseAutomationRun,
  type AutomationRuleDoc,
  type AutomationRunDoc,
  type Models,
} from '../models/index.js';
import { isDocumentId } from './parse.js';

/** The API's field names to the stored ones (`event_name` is stored as `event`). */
function stored(input: RuleUpdate): Record<string, unknown> {
  const { event_name, ...rest } = input;
  return event_name === undefined ? rest : { ...rest, event: event_name };
}

/**
 * A workspace's automation rules and their runs. An id that is not the workspace's answers
 * `automation_rule_not_found`, so a workspace cannot learn which ids exist elsewhere.
 */
export class AutomationRuleStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<AutomationRuleDoc[]> {
    const docs = await this.models.automationRules
      .find({ teamId })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    return docs.map(parseAutomationRule);
  }

  /** The active rules of a workspace for one event, oldest first (the order they run in). */
  async active(teamId: string): Promise<AutomationRuleDoc[]> {
    const docs = await this.models.automationRules
      .find({ teamId, active: true })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    return docs.map(parseAutomationRule);
  }

  async count(teamId: string): Promise<number> {
    return this.models.automationRules.countDocuments({ teamId });
  }

  async get(teamId: string, id: string): Promise<AutomationRuleDoc> {
    const doc = isDocumentId(id)
      ? await this.models.automationRules.findOne({ _id: id, teamId }).lean()
      : null;
    if (!doc) throw ruleNotFound(id);
    return parseAutomationRule(doc);
  }

  async create(teamId: string, input: RuleCreate): Promise<AutomationRuleDoc> {
    const created = await this.models.automationRules.create({ teamId, ...stored(input) });
    return parseAutomationRule(created.toObject());
  }

  async update(teamId: string, id: string, update: RuleUpdate): Promise<AutomationRuleDoc> {
    const doc = isDocumentId(id)
      ? await this.models.automationRules
          .findOneAndUpdate(
            { _id: id, teamId },
            { $set: stored(update) },
            { returnDocument: 'after' },
          )
          .lean()
      : null;
    if (!doc) throw ruleNotFound(id);
    return parseAutomationRule(doc);
  }

  /** Deletes a rule, its runs and its `send_webhook_event` deliveries (those pending go unsent). */
  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.automationRules.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw ruleNotFound(id);
    await this.models.automationRuns.deleteMany({ teamId, ruleId: id });
    await this.models.webhookDeliveries.deleteMany({ teamId, webhookId: `rule:${id}` });
  }

  /**
   * Claims the rule's one run on the request for this event: true for the first caller only,
   * on every instance (a unique-key insert, where check-then-record would race).
   */
  claimRun(ruleId: string, requestId: string, event: RuleEvent, at: Date): Promise<boolean> {
    return claimOnce(this.models.claims, `rule-run:${ruleId}:${requestId}:${event}`, at);
  }

  /**
   * Records a run; runs recorded at the same moment share one insert (group commit). With `once`
   * the record is also the run's claim: its id is the same for every attempt at one request's
   * event (`onceId`), and false says another attempt recorded it first.
   */
  async record(run: Omit<AutomationRunDoc, '_id'>, once = false): Promise<boolean> {
    // The stored shape as it is (no mongoose document built: one run per rule and event).
    const _id = once ? onceId(`${run.ruleId}:${run.requestId}:${run.event}`) : new Types.ObjectId();
    return batcherOf(this.models.automationRuns).insert({ _id, ...run });
  }

  /** A rule's last 100 runs, newest first. */
  async runs(teamId: string, ruleId: string): Promise<AutomationRunDoc[]> {
    const docs = await this.models.automationRuns
      .find({ teamId, ruleId })
      .sort({ at: -1, _id: -1 })
      .limit(100)
      .lean();
    return docs.map(parseAutomationRun);
  }
}

export function ruleNotFound(id: string): AppError {
  return new AppError('automation_rule_not_found', `unknown automation rule ${id}`);
}

/** A document id that is a function of `key`: 12 bytes of its SHA-256. */
function onceId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}
