import type { GroupingAnswer } from './outputs.js';
import {
  decideTopLevel,
  type DetectionSettings,
  type RecentRequest,
  type TopLevelDecision,
} from '../requests/detection.js';
import { LIVE_STATUSES } from '../requests/lifecycle.js';

/**
 * `ai_smart_grouping`: the live request a customer's new top-level message may belong to, which
 * the model is asked about; undefined when there is nothing to ask (no live request, or today's
 * rules ignore the message: detection off, a pleasantry, a recent discard).
 */
export function groupingCandidate(
  heuristic: TopLevelDecision,
  latest: RecentRequest | undefined,
): RecentRequest | undefined {
  if (heuristic.action === 'ignore' || !latest) return undefined;
  return LIVE_STATUSES.includes(latest.status) ? latest : undefined;
}

/**
 * The decision with the model's answer: "same request" groups the message into the candidate
 * whatever the grouping window says; "new request" decides as if the customer had no request
 * open (a pleasantry is still ignored); no usable answer keeps today's decision.
 */
export function smartGrouping(
  settings: DetectionSettings,
  text: string,
  now: Date,
  heuristic: TopLevelDecision,
  candidate: RecentRequest,
  answer: GroupingAnswer | undefined,
): TopLevelDecision {
  if (!answer) return heuristic;
  if (answer.same_request) return { action: 'group', requestId: candidate.id };
  return decideTopLevel(settings, text, now, undefined);
}
