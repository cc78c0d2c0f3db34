import { canTransition } from '../requests/lifecycle.js';
import type { RequestStatus } from '../requests/request.js';

/**
 * Status both ways between a request and its ticket. Pure: which request status a ticket's
 * status means, and which ticket status (if any) a request's change asks for.
 */

/** Zendesk's ticket statuses. */
export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;

/** The request status a Zendesk status means; `new` means nothing yet. */
const FROM_ZENDESK: Readonly<Record<string, RequestStatus | null>> = {
  new: null,
  open: 'in_progress',
  pending: 'on_hold',
  hold: 'on_hold',
  solved: 'closed',
  closed: 'closed',
};

/** Whether a ticket status is a closed one (the request closes with it). */
export const isClosedTicketStatus = (status: string): boolean =>
  FROM_ZENDESK[status.toLowerCase()] === 'closed';

/**
 * The move a ticket's new status asks of its request, or null for none: the status it maps to
 * when the state machine allows it from `current`; a closed request is reopened (`open`, its
 * only way back) when the ticket is live again; a discarded one stays.
 */
export function requestMoveForTicket(
  current: RequestStatus,
  ticketStatus: string,
): RequestStatus | null {
  const target = FROM_ZENDESK[ticketStatus.toLowerCase()] ?? null;
  if (target === null || target === current) return null;
  if (current === 'closed') return 'open';
  return canTransition(current, target) ? target : null;
}

/** The `tickets.config` keys that move a ticket when its request moves. */
export interface StageSettings {
  change_stage_for_closed_ticket: boolean;
  change_stage_for_closed_ticket_to_value: string | null;
  change_stage_for_non_closed_ticket: boolean;
  change_stage_for_non_closed_ticket_to_value: string | null;
}

/**
 * The ticket status a request's move asks for, or null to leave the ticket: closing asks for
 * `change_stage_for_closed_ticket_to_value` (default `solved`) when
 * `change_stage_for_closed_ticket`; any other live status (in progress, on hold, reopened) asks
 * for `change_stage_for_non_closed_ticket_to_value` (default `open`) when that key is on.
 */
export function ticketStageForRequest(
  settings: StageSettings,
  from: RequestStatus,
  to: RequestStatus,
): string | null {
  if (from === to || to === 'discarded') return null;
  if (to === 'closed') {
    return settings.change_stage_for_closed_ticket
      ? (settings.change_stage_for_closed_ticket_to_value ?? 'solved')
      : null;
  }
  return settings.change_stage_for_non_closed_ticket
    ? (settings.change_stage_for_non_closed_ticket_to_value ?? 'open')
    : null;
}

/** Who a change made by a helpdesk is recorded as: never sent back to it (no echo). */
export const connectorActor = (connectorId: string): string => `connector:${connectorId}`;
export const isConnectorActor = (by: string): boolean => by.startsWith('connector:');

/**
 * Whether a customer's reply in a request's thread stays the request's (never a request of its
 * own) because its helpdesk ticket is live: made or being made, not solved or closed, with
 * `suppress_requests_on_non_closed_ticket_threads` on.
 */
export function repliesStayOnTicket(
  suppress: boolean,
  request: {
    ticket: { connectorId: string | null; status: string | null } | null;
    ticketIntent: { state: string } | null;
  },
): boolean {
  if (!suppress) return false;
  const { ticket, ticketIntent } = request;
  if (ticket?.connectorId) return !isClosedTicketStatus(ticket.status ?? '');
  return ticketIntent?.state === 'pending';
}
