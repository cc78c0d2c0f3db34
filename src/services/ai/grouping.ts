import { groupingCandidate, smartGrouping } from '../../ai/grouping.js';
import { GroupingAnswer } from '../../ai/outputs.js';
import { aiGate } from '../../ai/policy.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import {
  decideTopLevel,
  detectionSettings,
  type RecentRequest,
  type TopLevelDecision,
} from '../../requests/detection.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { aiProvider } from './provider.js';

/**
 * What a customer's top-level message does (`decideTopLevel`). While they have a live request, with `ai_smart_grouping` on
 * and a provider configured, the model says whether it belongs to that request; otherwise (or
 * without a usable answer) today's grouping window decides. Sends the open request's text and
 * the new message, nothing else.
 */
export async function topLevelDecision(
  deps: BotDeps,
  ctx: ChannelContext,
  message: { teamId: string; text: string },
  latest: RequestDoc | null,
): Promise<TopLevelDecision> {
  const now = deps.clock.now();
  const settings = detectionSettings(ctx.features);
  const recent: RecentRequest | undefined = latest
    ? {
        id: String(latest._id),
        status: latest.status,
        lastTopLevelAt: latest.lastCustomerActivityAt,
      }
    : undefined;
  const heuristic = decideTopLevel(settings, message.text, now, recent);
  const candidate = groupingCandidate(heuristic, recent);
  const ai = aiProvider(deps);
  const on = ctx.features.requests.config.ai_smart_grouping;
  if (!candidate || !latest || !aiGate(ai.configured, on).send) return heuristic;
  const values = { open_request: latest.text, message: message.text };
  const answer = await ai.ask(message.teamId, 'grouping', values, GroupingAnswer);
  return smartGrouping(settings, message.text, now, heuristic, candidate, answer);
}
