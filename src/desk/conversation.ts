import { z } from 'zod';
import type { RequestCommand } from '../requests/commands.js';
import { canTransition, STATUS_LABEL } from '../requests/lifecycle.js';
import type { RequestStatus } from '../requests/request.js';

/**
 * A request seen as seed 003's conversation (the desk API, issue 12). Pure: how the bot's five
 * statuses read as Chatwoot's four, which requests a status filter means, and what a
 * `toggle_status` asks of the request's state machine.
 */

/** Seed 003's conversation statuses. */
export const ConversationStatus = z.enum(['open', 'resolved', 'pending', 'snoozed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Seed 003's priorities; `none` is stored as no priority. */
export const Priority = z.enum(['urgent', 'high', 'medium', 'low', 'none']);
export type Priority = z.infer<typeof Priority>;
/** A priority as stored on a request: `none` is no priority (null). */
export const StoredPriority = Priority.exclude(['none']);
export type StoredPriority = z.infer<typeof StoredPriority>;

/**
 * A request's status as a conversation's: open and in progress are `open` (the team owes an
 * answer), on hold is `pending` (waiting on someone else), closed and discarded are `resolved`.
 * Nothing is `snoozed`: the bot has no snooze.
 */
export const CONVERSATION_STATUS: Readonly<Record<RequestStatus, ConversationStatus>> = {
  open: 'open',
  in_progress: 'open',
  on_hold: 'pending',
  closed: 'resolved',
  discarded: 'resolved',
};

/** The request statuses a conversation status filter (or `all`) matches. */
export function requestStatusesOf(status: ConversationStatus | 'all'): RequestStatus[] {
  const all = Object.keys(CONVERSATION_STATUS) as RequestStatus[];
  return status === 'all' ? all : all.filter((s) => CONVERSATION_STATUS[s] === status);
}

/** What `toggle_status` to `target` asks: a command, nothing (already so), or a refusal. */
export type StatusToggle =
  | { kind: 'command'; command: Extract<RequestCommand, { kind: 'status' }> }
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string };

/**
 * `toggle_status` as the request's state machine allows it: `resolved` closes a live request;
 * `open` reopens a closed one or resumes one on hold (in progress); `pending` puts a live
 * request on hold. A discarded request stays discarded, and a closed one must be reopened
 * before it can wait.
 *
 * @example
 * statusToggle('on_hold', 'open'); // { kind: 'command', command: { kind: 'status', to: 'in_progress' } }
 * statusToggle('closed', 'pending'); // { kind: 'refused', reason: 'a closed request must be reopened (open) before it can be pending' }
 */
export function statusToggle(
  current: RequestStatus,
  target: Exclude<ConversationStatus, 'snoozed'>,
): StatusToggle {
  if (CONVERSATION_STATUS[current] === target) return { kind: 'unchanged' };
  const to: RequestStatus =
    target === 'resolved'
      ? 'closed'
      : target === 'pending'
        ? 'on_hold'
        : current === 'on_hold'
          ? 'in_progress'
          : 'open';
  if (canTransition(current, to)) return { kind: 'command', command: { kind: 'status', to } };
  const label = STATUS_LABEL[current].toLowerCase();
  const reason =
    current === 'discarded'
      ? 'a discarded request cannot be reopened'
      : `a ${label} request must be reopened (open) before it can be ${target}`;
  return { kind: 'refused', reason };
}
