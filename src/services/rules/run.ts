import type { AutomationRuleDoc, MessageDoc, RequestDoc } from '../../db/models/index.js';
import { AutomationRuleStore } from '../../db/repositories/automation-rules.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import { byRule, ruleMatches, type RuleEvent } from '../../desk/automation.js';
import { OPENING_ACTIONS, type ActionOutcome } from '../../desk/rule-opening.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { ActionRefused, applyAction, type RuleMoment } from './actions.js';
import { factsOf, openingPlan } from './facts.js';

/**
 * Runs the workspace's active rules for `event` whose conditions hold, in creation order, each
 * action through the desk services; records every run. The rules come with the channel's
 * context (cached per configuration version), so a workspace without rules costs no read here.
 * An action that fails is recorded and the next one still runs.
 */
export async function runRules(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
  event: RuleEvent,
  message?: MessageDoc,
): Promise<void> {
  const rules = (ctx.rules ?? []).filter((rule) => rule.event === event);
  if (rules.length === 0) return;
  if (event === 'conversation_created') {
    const outcomes = openingPlan(ctx, request, request.createdAt)?.outcomes ?? new Map();
    for (const rule of rules) {
      const done = outcomes.get(String(rule._id));
      if (done) await runOne(deps, rule, request, { event }, done);
    }
    return;
  }
  const facts = factsOf(ctx, request, message);
  for (const rule of rules) {
    if (ruleMatches(rule.conditions, facts)) await runOne(deps, rule, request, { event, message });
  }
}

async function runOne(
  deps: BotDeps,
  rule: AutomationRuleDoc,
  request: RequestDoc,
  moment: RuleMoment,
  opened: readonly ActionOutcome[] = [],
): Promise<void> {
  const store = new AutomationRuleStore(deps.models);
  const { event } = moment;
  // An opening redelivered, or taken by two instances at once, runs its rules once: one claims it.
  const once = event === 'conversation_created';
  const at = deps.clock.now();
  // A rule that only sets attributes at the opening has nothing left to do: its record is its claim.
  const recordOnly = once && rule.actions.every((a) => OPENING_ACTIONS.has(a.action_name));
  const claim = once && !recordOnly;
  if (claim && !(await store.claimRun(String(rule._id), String(request._id), event, at))) return;
  const fromOpening = [...opened];
  const actions: ActionOutcome[] = [];
  for (const action of rule.actions) {
    // Applied in the write that created the request (`openingPlan`): only its outcome is left.
    const applied = once && OPENING_ACTIONS.has(action.action_name) && fromOpening.shift();
    if (applied) {
      actions.push(applied);
      continue;
    }
    try {
      await applyAction(deps, rule, request, action, moment);
      actions.push({ action_name: action.action_name, outcome: 'done' as const, error: null });
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ActionRefused)) {
        deps.logger.warn({ err: error, ruleId: String(rule._id) }, 'automation action failed');
      }
      actions.push({ action_name: action.action_name, outcome: 'failed' as const, error: said });
    }
  }
  const run = {
    teamId: request.teamId,
    ruleId: String(rule._id),
    requestId: String(request._id),
    event,
    actions,
    result: actions.every((a) => a.outcome === 'done') ? ('done' as const) : ('failed' as const),
    at: deps.clock.now(),
  };
  await store.record(run, recordOnly);
}

/**
 * Rules on request moments: `conversation_created` when a request opens; on a change
 * `conversation_status_changed` (status) or `conversation_updated` (assignee, priority, labels,
 * severity, categories, custom fields); `message_created` when a thread message is stored. A
 * change made by a rule (`by: rule:…`) runs no rules, nor does a rule's `send_message` (stored
 * by `rule:…`; intake ignores the bot's own post): the loop guard.
 */
export const ruleHooks: RequestHooks = {
  async created(deps, ctx, request) {
    await runRules(deps, ctx, request, 'conversation_created');
  },
  async changed(deps, ctx, before, after, by) {
    if (byRule(by)) return;
    const event =
      before.status !== after.status ? 'conversation_status_changed' : 'conversation_updated';
    await runRules(deps, ctx, after, event);
  },
  async updated(deps, ctx, after, by) {
    if (byRule(by)) return;
    await runRules(deps, ctx, after, 'conversation_updated');
  },
  async messageCreated(deps, ctx, request, message) {
    if (byRule(message.userId)) return;
    await runRules(deps, ctx, request, 'message_created', message);
  },
};
