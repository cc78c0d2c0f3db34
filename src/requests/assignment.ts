import type { RequestConfig } from './effects.js';
import type { RequestStatus } from './request.js';

/** Who a new request is assigned to: the channel's CSM with auto_assign_to_csm, else nobody. */
export function initialAssignee(
  config: Pick<RequestConfig, 'auto_assign_to_csm'>,
  csmUserId: string | null | undefined,
): string | null {
  return config.auto_assign_to_csm ? (csmUserId ?? null) : null;
}

/**
 * Who an agent's first response assigns the request to: the responder with
 * auto_assign_request_to_first_responder (an existing assignee still wins: the write is
 * conditional), else nobody. A later reply assigns no one.
 */
export function firstResponderAssignee(
  config: Pick<RequestConfig, 'auto_assign_request_to_first_responder'>,
  firstResponse: boolean,
  agentId: string,
): string | null {
  return firstResponse && config.auto_assign_request_to_first_responder ? agentId : null;
}

/**
 * Whether the first response moves the request to in progress: only an open one starts moving;
 * one on hold stays on hold until someone resumes it.
 */
export function firstResponseStarts(status: RequestStatus): boolean {
  return status === 'open';
}
