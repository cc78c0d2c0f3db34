import type { HistoryEntry, RequestSource, RequestStatus } from './request.js';

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

/** Whether the state machine allows a move from `from` to `to` (`TRANSITIONS`). */
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

/** A customer's message that opens a request. */
export interface NewRequest {
  teamId: string;
  channelId: string;
  rootTs: string;
  requesterId: string;
  text: string;
  at: Date;
  assigneeId?: string | null;
  /** Tags, severity and priority set as it opens (`conversation_created` rules), with history. */
  opening?: {
    tags: string[];
    severity: string | null;
    priority: 'urgent' | 'high' | 'medium' | 'low' | null;
    history: HistoryEntry[];
  };
  /** The SLA clocks started as it opens (`startClocks`), stored with it. */
  sla?: { responseDueAt?: Date | null; closureDueAt?: Date | null };
  /**
   * The channel has a triage channel: the insert claims the right to post the card (as
   * `TriageCardStore.claim` would), so the delivery that creates the request posts it without
   * a second write, and a retry finds the claim live.
   */
  claimsCard?: boolean;
  /** Where the customer wrote from (`slack` when not given). */
  source?: RequestSource;
}

/**
 * The request a message opens: open, with the message's time as its creation and the
 * customer's last activity, and a history of its opening by the requester and, when it starts
 * assigned (auto_assign_to_csm), the bot's assignment.
 */
export function openedRequest(input: NewRequest) {
  const { at, requesterId } = input;
  const assigneeId = input.assigneeId ?? null;
  const history: HistoryEntry[] = [
    { at, type: 'status', from: null, to: 'open', by: requesterId },
    ...(assigneeId ? [{ at, type: 'assign', from: null, to: assigneeId, by: 'bot' }] : []),
    ...(input.opening?.history ?? []),
  ];
  const { tags = [], severity = null, priority = null } = input.opening ?? {};
  return {
    teamId: input.teamId,
    channelId: input.channelId,
    rootTs: input.rootTs,
    requesterId,
    text: input.text,
    source: input.source ?? 'slack',
    groupedTs: [] as string[],
    status: 'open' as RequestStatus,
    assigneeId,
    createdAt: at,
    lastCustomerActivityAt: at,
    tags,
    severity,
    priority,
    history,
    ...(input.sla ? { sla: input.sla } : {}),
    ...(input.claimsCard ? { triage: { claimedAt: at } } : {}),
  };
}

/**
 * The fields a move from `from` to `to` sets and the history entry it appends: closing stamps
 * `closedAt` (and, with a reason, `closeReason` and the entry's `reason`), reopening clears both.
 */
export function statusChange(
  from: RequestStatus,
  to: RequestStatus,
  by: string,
  at: Date,
  reason?: string,
): {
  set: { status: RequestStatus; closedAt?: Date | null; closeReason?: string | null };
  entry: HistoryEntry;
} {
  const because = to === 'closed' && reason ? reason : undefined;
  return {
    set: {
      status: to,
      ...(to === 'closed' ? { closedAt: at } : {}),
      ...(because ? { closeReason: because } : {}),
      ...(to === 'open' ? { closedAt: null, closeReason: null } : {}),
    },
    entry: { at, type: 'status', from, to, by, ...(because ? { reason: because } : {}) },
  };
}
