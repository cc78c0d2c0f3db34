import type { MessageDoc, RequestDoc } from '../../db/models/index.js';
import type { RuleFacts } from '../../desk/automation.js';
import { CONVERSATION_STATUS } from '../../desk/conversation.js';
import { planOpening, type OpeningPlan } from '../../desk/rule-opening.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { channelTags } from '../../requests/ai-classification.js';

/**
 * What a rule's conditions read of a request; on `message_created` `content` and `message_type`
 * are the new message's (its text, `incoming` or `outgoing`).
 */
export function factsOf(
  ctx: ChannelContext,
  request: Pick<
    RequestDoc,
    | 'status'
    | 'priority'
    | 'tags'
    | 'severity'
    | 'assigneeId'
    | 'channelId'
    | 'text'
    | 'customFields'
  >,
  message?: MessageDoc,
): RuleFacts {
  return {
    status: CONVERSATION_STATUS[request.status],
    priority: request.priority,
    labels: request.tags,
    severity: request.severity,
    assignee_id: request.assigneeId,
    channel_id: request.channelId,
    account_id: ctx.channel.accountId ? String(ctx.channel.accountId) : null,
    content: message ? (message.text ?? '') : request.text,
    message_type: message?.kind ?? null,
    custom: Object.fromEntries(request.customFields.map((f) => [f.key, f.value])),
  };
}

/**
 * The `conversation_created` rules' opening actions (labels, severity, priority) for a request
 * as it opens (no tags, severity, priority or custom fields yet, status open); null when the
 * workspace has no such rule. Intake stores the request with the plan's attributes; the
 * opening's hook reads the same plan for the runs' records.
 */
export function openingPlan(
  ctx: ChannelContext,
  request: Pick<RequestDoc, 'assigneeId' | 'channelId' | 'text'>,
  at: Date,
): OpeningPlan | null {
  const rules = (ctx.rules ?? []).filter((rule) => rule.event === 'conversation_created');
  if (rules.length === 0) return null;
  const opening = { ...request, status: 'open' as const, priority: null, severity: null };
  const facts = factsOf(ctx, { ...opening, tags: [], customFields: [] });
  const { severity } = ctx.features.requests.support;
  const tags = channelTags(ctx.features);
  const named = rules.map((rule) => ({ ...rule, id: String(rule._id) }));
  return planOpening(named, facts, { tags, severity }, at);
}
