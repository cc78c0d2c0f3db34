import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks, connectorTask } from '../../db/repositories/connector-tasks.js';
import type { RequestHooks } from '../../deps.js';
import type { MessageDoc } from '../../db/models/index.js';
import {
  isClosedTicketStatus,
  isConnectorActor,
  ticketStageForRequest,
} from '../../connectors/status.js';
import { isPleasantry } from '../../requests/detection.js';
import { actorMention } from '../../text/mrkdwn.js';
import { askForTicket, helpdeskOf } from './tickets.js';

type Hook<K extends keyof RequestHooks> = Parameters<NonNullable<RequestHooks[K]>>;

/**
 * With `enable_follow_up_ticket`, a customer's message (not a mere thanks) on a request whose
 * ticket is solved or closed asks for a follow-up ticket with it; true when it did (the message
 * is its body, not a comment on the closed ticket). A follow-up already under way: false, and
 * the message becomes a comment on it as any other.
 */
async function followedUp(...[deps, ctx, request, message]: Hook<'messageCreated'>) {
  const ticket = request.ticket;
  if (
    !ctx.features.tickets.config.enable_follow_up_ticket ||
    message.kind !== 'incoming' ||
    !ticket?.connectorId ||
    !isClosedTicketStatus(ticket.status ?? '') ||
    !message.text ||
    isPleasantry(message.text)
  ) {
    return false;
  }
  const of = { ...ticket, connectorId: ticket.connectorId };
  const slack = await deps.slack(request.teamId);
  return askForTicket(deps, slack, ctx, request, message.userId, {}, { of, text: message.text });
}

/**
 * What a request's moments ask of its helpdesk: a ticket for each new request
 * (`auto_create_ticket_from_request`), the ticket's status when the request moves
 * (`change_stage_for_*`), and each thread message as a comment (`send_threads_to_connectors`;
 * with `enable_only_for_customers_to_non_closed_ticket` only the customer's, and none to a
 * solved or closed ticket).
 * Changes the helpdesk itself made (`connector:<id>`) are not sent back to it.
 */
export const connectorHooks: RequestHooks = {
  async created(deps, ctx, request) {
    if (!ctx.features.requests.config.auto_create_ticket_from_request || !helpdeskOf(ctx)) return;
    await askForTicket(deps, await deps.slack(request.teamId), ctx, request, 'bot');
  },

  async changed(deps, ctx, before, after, by) {
    const ticket = after.ticket;
    if (!ticket?.connectorId || isConnectorActor(by) || before.status === after.status) return;
    const status = ticketStageForRequest(ctx.features.tickets.config, before.status, after.status);
    if (!status) return;
    const key = `${String(after._id)}:${after.history.length}:${after.status}`;
    const task = connectorTask(
      {
        kind: 'status',
        connectorId: ticket.connectorId,
        at: deps.clock.now(),
        by,
        payload: { status },
      },
      key,
    );
    await new ConnectorTasks(deps.models).queue(after._id, task);
  },

  async messageCreated(deps, ctx, request, message) {
    if (await followedUp(deps, ctx, request, message)) return;
    const ticket = request.ticket;
    const connectorId = ticket?.connectorId ?? request.ticketIntent?.connectorId;
    const config = ctx.features.tickets.config;
    if (!config.send_threads_to_connectors || !connectorId || !message.text) return;
    // Only the customer's messages, and only while the ticket is live.
    const customersToLive =
      message.kind === 'incoming' && !isClosedTicketStatus(ticket?.status ?? '');
    if (config.enable_only_for_customers_to_non_closed_ticket && !customersToLive) return;
    const connector = await new ConnectorStore(deps.models).find(request.teamId, connectorId);
    if (!connector) return;
    const comment = threadComment(message, connector.options.agent_replies_public);
    const task = connectorTask(
      {
        kind: 'comment',
        connectorId,
        at: message.createdAt,
        by: message.userId,
        payload: { comment },
      },
      String(message._id),
    );
    await new ConnectorTasks(deps.models).queue(request._id, task);
  },
};

/** A thread message as a comment: a customer's public, an agent's internal unless `agentPublic`. */
export function threadComment(
  message: Pick<MessageDoc, 'kind' | 'userId' | 'text' | 'private'>,
  agentPublic: boolean,
): { body: string; public: boolean } {
  const customer = message.kind === 'incoming';
  return {
    body: `${customer ? 'Customer' : 'Agent'} ${actorMention(message.userId)} in Slack:\n\n${message.text}`,
    public: customer || (!message.private && agentPublic),
  };
}
