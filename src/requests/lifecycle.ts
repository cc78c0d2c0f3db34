import type { RequestStatus } from './request.js';

/**
 * The request state machine: `open → in_progress ↔ on_hold → closed`, `discarded` from any
 * live state, and `closed → open` when a customer reopens. Every transition is applied as one
 * conditional update whose filter is `status ∈ sourcesOf(target)`.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  open: ['in_progress', 'on_hold', 'closed', 'discarded'],
  in_progress: ['on_hold', 'closed', 'discarded'],
  on_hold: ['in_progress', 'closed', 'discarded'],
  closed: ['open'],
  discarded: [],
};

/** The live statuses: a request in one of these still needs the team. */
export const LIVE_STATUSES: readonly RequestStatus[] = ['open', 'in_progress', 'on_hold'];

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a request may be in for `to` to be a legal next status. */
export function sourcesOf(to: RequestStatus): RequestStatus[] {
  return (Object.keys(TRANSITIONS) as RequestStatus[]).filter((from) => canTransition(from, to));
}

/** How a status reads to a person. */
export const STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  on_hold: 'On hold',
  closed: 'Closed',
  discarded: 'Discarded',
};
