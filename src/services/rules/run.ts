import type { AutomationRuleDoc, RequestDoc } from '../../db/models/index.js';
import { AutomationRuleStore } from '../../db/repositories/automation-rules.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import { byRule, ruleMatches, type RuleEvent, type RuleFacts } from '../../desk/automation.js';
import { CONVERSATION_STATUS } from '../../desk/conversation.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { ActionRefused, applyAction } from './actions.js';

/** What a rule's conditions read of a request (`content`: its text, or the new message's). */
export function factsOf(ctx: ChannelContext, request: RequestDoc, content?: string): RuleFacts {
  return {
    status: CONVERSATION_STATUS[request.status],
    priority: request.priority,
    labels: request.tags,
    severity: request.severity,
    assignee_id: request.assigneeId,
    channel_id: request.channelId,
    account_id: ctx.channel.accountId ? String(ctx.channel.accountId) : null,
    content: content ?? request.text,
    custom: Object.fromEntries(request.customFields.map((f) => [f.key, f.value])),
  };
}

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
  content?: string,
): Promise<void> {
  const rules = (ctx.rules ?? []).filter((rule) => rule.event === event);
  if (rules.length === 0) return;
  const facts = factsOf(ctx, request, content);
  for (const rule of rules) {
    if (ruleMatches(rule.conditions, facts)) await runOne(deps, rule, request, event);
  }
}

async function runOne(
  deps: BotDeps,
  rule: AutomationRuleDoc,
  request: RequestDoc,
  event: RuleEvent,
): Promise<void> {
  const store = new AutomationRuleStore(deps.models);
  // An opening redelivered runs its rules once (the request hooks are called again).
  const once = event === 'conversation_created';
  if (once && (await store.ran(String(rule._id), String(request._id), event))) return;
  const actions = [];
  for (const action of rule.actions) {
    try {
      await applyAction(deps, rule, request, action);
      actions.push({ action_name: action.action_name, outcome: 'done' as const, error: null });
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ActionRefused)) {
        deps.logger.warn({ err: error, ruleId: String(rule._id) }, 'automation action failed');
      }
      actions.push({ action_name: action.action_name, outcome: 'failed' as const, error: said });
    }
  }
  await store.record({
    teamId: request.teamId,
    ruleId: String(rule._id),
    requestId: String(request._id),
    event,
    actions,
    result: actions.every((a) => a.outcome === 'done') ? 'done' : 'failed',
    at: deps.clock.now(),
  });
}

/**
 * Rules on request moments: `conversation_created` when a request opens, and on a change
 * `conversation_status_changed` (status) or `conversation_updated` (assignee). A change made by
 * a rule (`by: rule:…`) runs no rules: the loop guard.
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
};
