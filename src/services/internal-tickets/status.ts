import { InternalTicketStore } from '../../db/repositories/internal-tickets.js';
import type { BotDeps } from '../../deps.js';
import { decideTicketStatus, type TicketStatus } from '../../requests/internal-ticket.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { ticketStatusNote } from '../../views/internal-ticket.js';
import { askAfterTicketDone } from '../feedback/prompt.js';
import { loadForPicker } from '../requests/classify.js';
import { TriageCard } from '../requests/triage-card.js';
import { drawTicket, ticketLink, ticketStep } from './announce.js';

/** A status button on a ticket's message, as the listener read it. */
export interface StatusClick {
  ticketId: string;
  to: TicketStatus;
  teamId: string;
  userId: string;
  botUserId?: string;
  userTeamId?: string;
}

const UNKNOWN = ':warning: That internal ticket is not known to the bot; nothing was changed.';
const CHANGED_MEANWHILE =
  ':warning: This ticket changed while you clicked; nothing was changed. Please try again.';

/**
 * Moves a ticket: load it, its request and who clicked (agents as `classifySender` sees them in
 * the request's channel), decide (`decideTicketStatus`), write once conditional on the status
 * read, then redraw its message in place, tell the request's thread, redraw the card and, for
 * Done, ask for feedback when `csat_send_for` is `TICKET`. Answers the sentence to show instead
 * when nothing was written; a click for the status it already has does nothing.
 */
export async function changeTicketStatus(
  deps: BotDeps,
  slack: SlackGateway,
  input: StatusClick,
): Promise<{ ok: true } | { ok: false; text: string }> {
  const store = new InternalTicketStore(deps.models);
  const ticket = await store.byKey(input.ticketId);
  if (!ticket || ticket.teamId !== input.teamId) return { ok: false, text: UNKNOWN };
  const loaded = await loadForPicker(deps, slack, { ...input, requestId: ticket.requestId });
  if (!loaded.ok) return loaded;
  const { request, ctx, who } = loaded;
  const decision = decideTicketStatus({ current: ticket.status, to: input.to, who });
  if (decision.kind === 'refuse') return { ok: false, text: decision.text };
  if (decision.kind === 'same') return { ok: true };
  const after = await store.setStatus(
    ticket._id,
    decision.from,
    decision.to,
    input.userId,
    deps.clock.now(),
  );
  if (!after) {
    const now = await store.byKey(input.ticketId);
    return now?.status === input.to ? { ok: true } : { ok: false, text: CHANGED_MEANWHILE };
  }
  if (after.post) {
    await slack.update(
      { channel: after.post.channelId, ts: after.post.ts, ...drawTicket(ctx, request, after) },
      { bestEffort: ticketStep(after, 'internal_ticket_update') },
    );
  }
  const note = ticketStatusNote(after.number, after.status, input.userId, ticketLink(after));
  await slack.post(
    { channel: request.channelId, thread_ts: request.rootTs, text: note, unfurl_links: false },
    { bestEffort: ticketStep(after, 'internal_ticket_status_thread') },
  );
  await new TriageCard(deps, slack).update(ctx, request);
  await askAfterTicketDone(deps, ctx, request, after.status);
  return { ok: true };
}
