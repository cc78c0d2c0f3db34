import { tokenRole } from '../../commands/token.js';
import type { RequestDoc } from '../../db/models/index.js';
import { ClassificationStore } from '../../db/repositories/classification.js';
import { ConversationStore } from '../../db/repositories/conversations.js';
import type { BotDeps } from '../../deps.js';
import {
  CONVERSATION_STATUS,
  statusToggle,
  type ConversationStatus,
  type Priority,
} from '../../desk/conversation.js';
import { AppError, validationError } from '../../errors.js';
import { checkSeverity, checkTags, missingOnClose } from '../../requests/classification.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { applyRequestCommand } from '../requests/actions.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import { attributesChanged } from '../requests/hooks.js';
import { TriageCard } from '../requests/triage-card.js';
import { requestOf, type Caller } from './conversations.js';
import { channelTags } from '../../requests/ai-classification.js';

type DeskDeps = BotDeps;

/** A change through the API: who calls, on which request, recorded `by` (`api:<token name>`). */
export interface ApiChange extends Caller {
  id: string;
  by: string;
}

/** A 422 about one field of the body. */
const invalid = (field: string, msg: string) =>
  validationError([{ loc: ['body', field], msg, type: 'value_error' }]);

/**
 * The request, its channel and a gateway to its workspace: a change needs all three. A request
 * whose channel the bot no longer tracks cannot change (422: nothing would show it).
 */
export async function load(deps: DeskDeps, change: ApiChange) {
  const request = await requestOf(deps, change.teamId, change.id);
  const slack = await deps.slack(change.teamId);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) throw invalid('id', "the bot no longer tracks this request's channel");
  return { request, slack, ctx };
}

/**
 * `toggle_status`: the same move a card button makes (`statusToggle`), with the same effects
 * (card, thread notice, marks, timers, SLA). An agent's close asks for mandatory categories in
 * Slack; here they are a 422 naming them. Answers the status after.
 */
export async function toggleStatus(
  deps: DeskDeps,
  change: ApiChange,
  target: Exclude<ConversationStatus, 'snoozed'>,
): Promise<ConversationStatus> {
  const { request, slack, ctx } = await load(deps, change);
  const toggle = statusToggle(request.status, target);
  if (toggle.kind === 'unchanged') return CONVERSATION_STATUS[request.status];
  if (toggle.kind === 'refused') throw invalid('status', toggle.reason);
  if (toggle.command.to === 'closed') {
    const missing = missingOnClose(ctx.features.requests.categories, request.categories);
    if (missing.length > 0) {
      const names = missing.map((c) => `"${c.category_name}"`).join(', ');
      throw invalid('status', `set the mandatory categories ${names} before resolving`);
    }
  }
  const refusal = await applyRequestCommand(
    deps,
    slack,
    { id: change.id },
    toggle.command,
    change.by,
  );
  if (refusal) throw new AppError('conflict', refusal);
  // The move was applied as one conditional write: the request is now in the status it asked for.
  return CONVERSATION_STATUS[toggle.command.to];
}

/** `toggle_priority`: stored with a history entry and shown on the card (`none` clears it). */
export async function togglePriority(
  deps: DeskDeps,
  change: ApiChange,
  priority: Priority,
): Promise<RequestDoc> {
  const { request, slack, ctx } = await load(deps, change);
  const to = priority === 'none' ? null : priority;
  if (request.priority === to) return request;
  const after = await new ConversationStore(deps.models).priority(
    request._id,
    request.priority,
    to,
    change.by,
    deps.clock.now(),
  );
  if (!after) throw new AppError('conflict', 'the priority changed meanwhile');
  await shown(deps, slack, ctx, after, change.by);
  return after;
}

/**
 * `assignments`: the same assignment as the card's (the card, the assignee told, timers). The
 * assignee must be someone of the support side (`tokenRole`): a full member of the workspace.
 */
export async function assign(
  deps: DeskDeps,
  change: ApiChange,
  assigneeId: string,
): Promise<{ id: string; name: string | null }> {
  const { request, slack } = await load(deps, change);
  const found = (await slack.user(assigneeId, { expect: ['user_not_found'] }))?.user;
  if (!tokenRole(found, change.teamId)) {
    throw invalid('assignee_id', `${assigneeId} is not a member of this workspace's support side`);
  }
  const name = found?.profile?.display_name || found?.real_name || null;
  if (request.assigneeId === assigneeId) return { id: assigneeId, name };
  const command = { kind: 'assign' as const, assigneeId };
  const refusal = await applyRequestCommand(deps, slack, { id: change.id }, command, change.by);
  if (refusal) throw invalid('assignee_id', refusal.replace(/^:\w+: /, ''));
  return { id: assigneeId, name };
}

/**
 * `labels`: replaces the request's tags, each one of its channel's (by value or name, stored by
 * value), with a history entry and the card redrawn, as the card's tags menu does. `labels` may
 * be made from the tags as read (a rule's add or remove), so the request is read once.
 */
export async function setLabels(
  deps: DeskDeps,
  change: ApiChange,
  labels: readonly string[] | ((current: readonly string[]) => readonly string[]),
): Promise<string[]> {
  const { request, slack, ctx } = await load(deps, change);
  const wanted = typeof labels === 'function' ? labels(request.tags) : labels;
  const checked = checkTags(channelTags(ctx.features), wanted);
  if (!checked.ok) throw invalid('labels', checked.error);
  if (request.status === 'discarded')
    throw invalid('labels', 'a discarded request keeps its labels');
  const same =
    checked.value.length === request.tags.length &&
    checked.value.every((tag, i) => tag === request.tags[i]);
  if (same) return request.tags;
  const after = await new ClassificationStore(deps.models).tags(
    request._id,
    request.tags,
    checked.value,
    change.by,
    deps.clock.now(),
  );
  if (!after) throw new AppError('conflict', 'the labels changed meanwhile');
  await shown(deps, slack, ctx, after, change.by);
  return after.tags;
}

/** A severity: one of the channel's levels, stored with a history entry, the card redrawn. */
export async function setSeverity(
  deps: DeskDeps,
  change: ApiChange,
  severity: string,
): Promise<string | null> {
  const { request, slack, ctx } = await load(deps, change);
  const checked = checkSeverity(ctx.features.requests.support.severity, severity);
  if (!checked.ok) throw invalid('severity', checked.error);
  if (request.severity === checked.value) return request.severity;
  const store = new ClassificationStore(deps.models);
  const now = deps.clock.now();
  const after = await store.severity(request._id, request.severity, checked.value, change.by, now);
  if (!after) throw new AppError('conflict', 'the severity changed meanwhile');
  await shown(deps, slack, ctx, after, change.by);
  return after.severity;
}

/** Shows a changed attribute on the card, then runs the rules on `conversation_updated`. */
async function shown(
  deps: DeskDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  after: RequestDoc,
  by: string,
) {
  await new TriageCard(deps, slack).update(ctx, after);
  await attributesChanged(deps, ctx, after, by);
}
