import { channelPrivacy } from '../../channels/privacy.js';
import type { InternalTicketDoc, RequestDoc } from '../../db/models/index.js';
import { InternalTicketStore } from '../../db/repositories/internal-tickets.js';
import type { BotDeps } from '../../deps.js';
import { ticketChannel } from '../../requests/internal-ticket.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelMention, messageLink } from '../../text/mrkdwn.js';
import { ticketMessage, ticketPostFailed, ticketRaisedNote } from '../../views/internal-ticket.js';
import type { ChannelContext } from '../requests/context.js';
import { TriageCard } from '../requests/triage-card.js';

/** What a failed Slack call about a ticket logs. */
export const ticketStep = (ticket: InternalTicketDoc, step: string) => ({
  step,
  ticketId: String(ticket._id),
  requestId: ticket.requestId,
});

/** The ticket's message, drawn from the ticket as it is now (privacy applied to the request's channel). */
export function drawTicket(ctx: ChannelContext, request: RequestDoc, ticket: InternalTicketDoc) {
  const privacy = channelPrivacy(ctx.channel.isPrivate, ctx.features);
  return ticketMessage({
    ticket,
    settings: ctx.features.internal_ticket,
    requestLink: messageLink(request.channelId, request.rootTs),
    requestChannel: channelMention(request.channelId, ctx.channel.name, privacy.hideName),
  });
}

/** The link to a ticket's message, when it has one. */
export const ticketLink = (ticket: Pick<InternalTicketDoc, 'post'>) =>
  ticket.post ? messageLink(ticket.post.channelId, ticket.post.ts) : undefined;

/** The name the settings give a ticket's type. */
export const typeName = (ctx: ChannelContext, type: string) =>
  ctx.features.internal_ticket.types.find((t) => t.value === type)?.name ?? type;

/**
 * What follows a new ticket, each Slack call on its own (a failure is logged and the ticket
 * stays stored): its message in its type's channel (`ticketChannel`), where it was posted
 * stored, the note in the request's thread, the card redrawn. When the message could not be
 * posted, the agent is told in an ephemeral where they clicked.
 */
export async function announceTicket(
  deps: BotDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  request: RequestDoc,
  ticket: InternalTicketDoc,
  agent: { userId: string; channelId: string | null },
): Promise<void> {
  const channel = ticketChannel(
    ticket.type,
    ctx.features.internal_ticket,
    ctx.channel.triageChannelId,
  );
  const posted = channel
    ? await slack.post(
        { channel, ...drawTicket(ctx, request, ticket), unfurl_links: false },
        { bestEffort: ticketStep(ticket, 'internal_ticket_post') },
      )
    : undefined;
  let shown = ticket;
  if (channel && posted?.ts) {
    await new InternalTicketStore(deps.models).posted(ticket._id, channel, posted.ts);
    shown = { ...ticket, post: { channelId: channel, ts: posted.ts } };
  } else if (agent.channelId) {
    await slack.postEphemeral(
      {
        channel: agent.channelId,
        user: agent.userId,
        text: ticketPostFailed(ticket.number, channel),
      },
      { bestEffort: ticketStep(ticket, 'internal_ticket_post_failed') },
    );
  }
  const note = ticketRaisedNote(
    ticket.number,
    typeName(ctx, ticket.type),
    ticket.createdBy,
    ticketLink(shown),
  );
  await slack.post(
    { channel: request.channelId, thread_ts: request.rootTs, text: note, unfurl_links: false },
    { bestEffort: ticketStep(ticket, 'internal_ticket_thread') },
  );
  await new TriageCard(deps, slack).update(ctx, request);
}
