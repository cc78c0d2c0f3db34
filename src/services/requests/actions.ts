import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { refusalOf, ticketFor, type RequestCommand } from '../../requests/commands.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { askForTicket, helpdeskOf } from '../connectors/tickets.js';
import { channelContext, type ChannelContext } from './context.js';
import { RequestEffects } from './effects.js';

export type { RequestCommand };

/**
 * Applies an agent's command (a triage button or an emoji shortcut) to a request and shows the
 * result. Returns a sentence for the agent when nothing changed (already done, not allowed).
 * A request named by id (a button's) that no longer exists is a `request_not_found` AppError;
 * an emoji on a message that is not a request is no command at all.
 */
export async function applyRequestCommand(
  deps: BotDeps,
  slack: SlackGateway,
  find: { id: string } | { teamId: string; channelId: string; rootTs: string },
  command: RequestCommand,
  by: string,
): Promise<string | undefined> {
  const store = new RequestStore(deps.models);
  const request =
    'id' in find
      ? await store.byKey(find.id)
      : await store.byRoot(find.teamId, find.channelId, find.rootTs);
  if (!request) {
    if ('id' in find) throw new AppError('request_not_found', `unknown request ${find.id}`);
    return undefined;
  }
  const now = deps.clock.now();
  const result =
    command.kind === 'assign'
      ? await store.assign(request._id, command.assigneeId, by, now)
      : await store.transition(request._id, command.to, by, now, {}, command.reason);
  if (!result) return refusalOf(request, command);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (ctx) await new RequestEffects(deps, slack).changed(ctx, result.before, result.after, by);
  return undefined;
}

/**
 * 🎫 on a request's message: a ticket in the channel's helpdesk (`tickets.config.helpdeskIds`),
 * created by the connector worker; without a helpdesk, the bot's own ticket id, made once and
 * announced in the thread.
 */
export async function createTicketFromReaction(
  deps: Pick<BotDeps, 'models' | 'clock' | 'settings' | 'env' | 'logger'>,
  slack: SlackGateway,
  ctx: ChannelContext,
  find: { teamId: string; channelId: string; rootTs: string },
  by: string,
): Promise<void> {
  const store = new RequestStore(deps.models);
  const request = await store.byRoot(find.teamId, find.channelId, find.rootTs);
  if (!request) return;
  if (helpdeskOf(ctx)) {
    await askForTicket(deps, slack, ctx, request, by);
    return;
  }
  const made = ticketFor(String(request._id), by, deps.clock.now());
  const ticketed = await store.createTicket(request._id, made);
  if (!ticketed?.ticket) return;
  const text = `:ticket: Ticket ${ticketed.ticket.id} was created from this request by <@${by}>.`;
  await slack.post(
    { channel: request.channelId, thread_ts: request.rootTs, text },
    { bestEffort: { step: 'ticket_created', requestId: String(request._id) } },
  );
}
