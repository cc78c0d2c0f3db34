import { ACTIONS, EMOJI } from '../constants.js';
import { STATUS_LABEL } from './lifecycle.js';
import type { HistoryEntry, RequestStatus } from './request.js';
import type { SenderKind } from './sender.js';

/** A change an agent (or the bot) asks of a request. */
export type RequestCommand =
  | { kind: 'assign'; assigneeId: string }
  /** `reason`: why a close happens (`deflected`), recorded with it. */
  | { kind: 'status'; to: RequestStatus; reason?: string };

/** The triage card's buttons, by `action_id`: whoever can click the card may use them. */
export const BUTTON_COMMANDS: Readonly<Record<string, (user: string) => RequestCommand>> = {
  [ACTIONS.assignToMe]: (user) => ({ kind: 'assign', assigneeId: user }),
  [ACTIONS.inProgress]: () => ({ kind: 'status', to: 'in_progress' }),
  [ACTIONS.onHold]: () => ({ kind: 'status', to: 'on_hold' }),
  [ACTIONS.close]: () => ({ kind: 'status', to: 'closed' }),
  [ACTIONS.discard]: () => ({ kind: 'status', to: 'discarded' }),
  [ACTIONS.reopen]: () => ({ kind: 'status', to: 'open' }),
};

/** What an emoji on a customer's message asks for: a command, a ticket, or nothing. */
export type ReactionIntent = RequestCommand | { kind: 'ticket' };

/**
 * Emoji shortcuts: 👀 assigns to the reactor, ✅ (or ✔️) closes, 🎫 asks for a ticket. Skin-tone
 * variants (`eyes::skin-tone-2`) count as the emoji; the bot's own reactions (its status marks)
 * are never commands.
 */
export function reactionIntent(
  reaction: string,
  userId: string,
  botUserId: string | undefined,
): ReactionIntent | undefined {
  if (userId === botUserId) return undefined;
  const name = reaction.split('::')[0];
  if (name === EMOJI.assign) return { kind: 'assign', assigneeId: userId };
  if (name === EMOJI.close || name === 'heavy_check_mark') return { kind: 'status', to: 'closed' };
  if (name === EMOJI.ticket) return { kind: 'ticket' };
  return undefined;
}

/**
 * Who may act by emoji: agents only. Customers react to messages for their own reasons, and a
 * ticket needs allow_ticket_creation_with_ticket_emoji as well.
 */
export function mayReact(
  intent: ReactionIntent,
  sender: SenderKind,
  ticketsByEmoji: boolean,
): boolean {
  if (sender !== 'agent') return false;
  return intent.kind !== 'ticket' || ticketsByEmoji;
}

/** The sentence an agent sees when their command changed nothing (already so, or not allowed). */
export function refusalOf(
  request: { status: RequestStatus; assigneeId: string | null },
  command: RequestCommand,
): string {
  const status = STATUS_LABEL[request.status].toLowerCase();
  if (command.kind === 'assign') {
    const assignee = request.assigneeId ? ` and assigned to <@${request.assigneeId}>` : '';
    return `This request is ${status}${assignee}.`;
  }
  return `This request is ${status}; it cannot be moved to ${STATUS_LABEL[command.to].toLowerCase()}.`;
}

/** A ticket made from a request (🎫), and the history entry that records it. */
export interface TicketMade {
  ticket: { id: string; createdAt: Date; createdBy: string };
  entry: HistoryEntry;
}

/** The ticket 🎫 makes of a request: its id is the request id's last six characters, upper-cased. */
export function ticketFor(requestId: string, by: string, at: Date): TicketMade {
  const id = `TKT-${requestId.slice(-6).toUpperCase()}`;
  return {
    ticket: { id, createdAt: at, createdBy: by },
    entry: { at, type: 'ticket', to: id, by },
  };
}
