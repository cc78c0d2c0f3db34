import type { RequestConfig } from './effects.js';
import { LIVE_STATUSES } from './lifecycle.js';
import type { RequestStatus } from './request.js';
import type { SenderKind } from './sender.js';

/**
 * Where a channel message goes: an agent's reply in a request's thread, an agent's top-level
 * message (it answers the newest unanswered request unless auto_assign_thread_only), a
 * customer's reply in a request's thread, a customer's new message, or nowhere.
 * `agent_elsewhere` (an agent in a thread that is no request) is only counted.
 */
export type MessageRoute =
  | 'ignore'
  | 'agent_reply'
  | 'agent_top_level'
  | 'agent_elsewhere'
  | 'customer_reply'
  | 'customer_post';

/** Routes a message by its sender and place (see `MessageRoute`). */
export function routeMessage(
  sender: SenderKind,
  place: { inThread: boolean; inRequestThread: boolean },
  config: Pick<RequestConfig, 'auto_assign_thread_only'>,
): MessageRoute {
  if (sender === 'ignored') return 'ignore';
  if (sender === 'customer') return place.inRequestThread ? 'customer_reply' : 'customer_post';
  if (place.inRequestThread) return 'agent_reply';
  if (!place.inThread && !config.auto_assign_thread_only) return 'agent_top_level';
  return 'agent_elsewhere';
}

/**
 * The status a customer's reply moves its request to, once the reply is recorded: a reopen
 * decision reopens it; with move_onhold_to_inprogress a request on hold resumes; else none.
 */
export function customerReplyMove(
  decision: 'activity' | 'reopen',
  status: RequestStatus,
  config: Pick<RequestConfig, 'move_onhold_to_inprogress'>,
): RequestStatus | null {
  if (decision === 'reopen') return 'open';
  return status === 'on_hold' && config.move_onhold_to_inprogress ? 'in_progress' : null;
}

/** Whether an agent's reply counts as a response: on a live request, by a person. */
export function countsAsResponse(status: RequestStatus, agentId: string | undefined): boolean {
  return LIVE_STATUSES.includes(status) && !!agentId;
}
