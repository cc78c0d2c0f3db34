import { checkSeverity, checkTags, type NamedValue } from '../requests/classification.js';
import type { HistoryEntry } from '../requests/request.js';
import {
  ruleBy,
  ruleMatches,
  type ActionName,
  type Condition,
  type RuleFacts,
} from './automation.js';
import { Priority, type StoredPriority } from './conversation.js';

/**
 * The actions a `conversation_created` rule applies as the request opens, in the write that
 * creates it: the request is stored, carded and announced with them (one card post, one
 * `conversation_created` event), instead of opening bare and being changed a moment later.
 * The other actions (assign, post, status, webhook) run after the opening, as before.
 */
export const OPENING_ACTIONS: ReadonlySet<string> = new Set([
  'add_label',
  'remove_label',
  'set_severity',
  'change_priority',
]);

/** A rule as the plan reads it. */
export interface OpeningRule {
  id: string;
  name: string;
  conditions: readonly Condition[];
  actions: readonly { action_name: ActionName; action_params: readonly unknown[] }[];
}

/** What became of one action (a run's record). */
export interface ActionOutcome {
  action_name: ActionName;
  outcome: 'done' | 'failed';
  error: string | null;
}

/** The attributes a request opens with, and the history entries that say which rule set them. */
export interface OpeningAttributes {
  tags: string[];
  severity: string | null;
  priority: StoredPriority | null;
  history: HistoryEntry[];
}

export interface OpeningPlan {
  attributes: OpeningAttributes;
  /** Each matching rule's opening actions' outcomes, in the rule's order, by rule id. */
  outcomes: ReadonlyMap<string, ActionOutcome[]>;
}

/** What the channel offers: the tags and severities a rule may set. */
export interface OpeningChoices {
  tags: readonly NamedValue[];
  severity: readonly NamedValue[];
}

const done = (action_name: ActionName): ActionOutcome => ({
  action_name,
  outcome: 'done',
  error: null,
});
const failed = (action_name: ActionName, error: string): ActionOutcome => ({
  action_name,
  outcome: 'failed',
  error,
});

/**
 * The opening actions of the matching rules, in creation order, applied to a request that opens
 * with no tags, severity or priority: the same checks and history entries as the desk's changes
 * (`setLabels`, `setSeverity`, `togglePriority`), by `rule:<id>:<name>`. The facts are the
 * opening's, read once for all rules, as every rule event reads them.
 */
export function planOpening(
  rules: readonly OpeningRule[],
  facts: RuleFacts,
  choices: OpeningChoices,
  at: Date,
): OpeningPlan {
  const now: OpeningAttributes = { tags: [], severity: null, priority: null, history: [] };
  const outcomes = new Map<string, ActionOutcome[]>();
  for (const rule of rules) {
    if (!ruleMatches(rule.conditions, facts)) continue;
    const by = ruleBy(rule.id, rule.name);
    const record = (type: string, from: string | null, to: string | null) =>
      now.history.push({ at, type, from, to, by });
    const said: ActionOutcome[] = [];
    for (const action of rule.actions.filter((a) => OPENING_ACTIONS.has(a.action_name))) {
      const { action_name } = action;
      const params = action.action_params.map(String);
      if (action_name === 'add_label' || action_name === 'remove_label') {
        const wanted =
          action_name === 'add_label'
            ? [...now.tags, ...params.filter((l) => !now.tags.includes(l))]
            : now.tags.filter((l) => !params.some((p) => p.toLowerCase() === l.toLowerCase()));
        const checked = checkTags(choices.tags, wanted);
        if (!checked.ok) {
          said.push(failed(action_name, `labels: ${checked.error}`));
          continue;
        }
        if (checked.value.join('\n') !== now.tags.join('\n')) {
          record('tags', now.tags.join(', ') || null, checked.value.join(', ') || null);
          now.tags = checked.value;
        }
      } else if (action_name === 'set_severity') {
        const checked = checkSeverity(choices.severity, params[0] ?? '');
        if (!checked.ok) {
          said.push(failed(action_name, `severity: ${checked.error}`));
          continue;
        }
        if (checked.value !== now.severity) record('severity', now.severity, checked.value);
        now.severity = checked.value;
      } else {
        const priority = Priority.safeParse(params[0] ?? '');
        if (!priority.success) {
          said.push(failed(action_name, `unknown priority "${params[0] ?? ''}"`));
          continue;
        }
        const to = priority.data === 'none' ? null : priority.data;
        if (to !== now.priority) record('priority', now.priority, to);
        now.priority = to;
      }
      said.push(done(action_name));
    }
    outcomes.set(rule.id, said);
  }
  return { attributes: now, outcomes };
}
