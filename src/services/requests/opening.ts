import type { BotDeps } from '../../deps.js';
import type { NewRequest } from '../../requests/lifecycle.js';
import { openingSla } from '../../sla/clocks.js';
import { openingCount } from '../reports/keep.js';
import { openingPlan } from '../rules/facts.js';
import { openingAssignee } from '../teams/routing.js';
import type { ChannelContext } from './context.js';
import type { RequestSource } from '../../requests/request.js';

/**
 * The request a message opens, as its one insert stores it: routed to an assignee, with what
 * `conversation_created` rules set, its SLA due dates, its claim on the triage card, and how the
 * reports count it (`counting`, whose facts the insert records).
 */
export async function openingRequest(
  deps: BotDeps,
  ctx: ChannelContext,
  message: { teamId: string; channelId: string; ts: string; text: string; source?: RequestSource },
  requesterId: string,
): Promise<{ input: NewRequest; counting: Awaited<ReturnType<typeof openingCount>> }> {
  const at = deps.clock.now();
  const assigneeId = await openingAssignee(deps, ctx, message.teamId);
  const { channelId, text } = message;
  const opening = openingPlan(ctx, { assigneeId, channelId, text }, at)?.attributes;
  const sla = openingSla(at, ctx.features);
  const input: NewRequest = {
    teamId: message.teamId,
    channelId,
    rootTs: message.ts,
    requesterId,
    text,
    at,
    assigneeId,
    source: message.source ?? 'slack',
    ...(opening ? { opening } : {}),
    ...(sla ? { sla } : {}),
    claimsCard: Boolean(ctx.channel.triageChannelId),
  };
  return { input, counting: await openingCount(deps, ctx) };
}
