import type { ModalView } from '@slack/types';
import { channelPrivacy } from '../../channels/privacy.js';
import { InternalTicketStore } from '../../db/repositories/internal-tickets.js';
import type { BotDeps } from '../../deps.js';
import {
  raiseRefusal,
  validateTicket,
  type TicketAnswers,
  type TicketField,
} from '../../requests/internal-ticket.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { TICKET_BLOCKS, ticketBlockOf, ticketModal } from '../../views/internal-ticket.js';
import { loadForPicker, type Picker } from '../requests/classify.js';
import { announceTicket } from './announce.js';

/** Who raises a ticket, and the channel they clicked in (where an ephemeral reaches them). */
export type Raiser = Picker & { channelId: string | null };

/**
 * The card's "Raise internal ticket": the modal for an agent on a live request of a channel with
 * ticket types (`raiseRefusal`), else the sentence they are shown. The summary is the request's
 * text, unless its channel may not be quoted (`channelPrivacy`).
 */
export async function ticketView(
  deps: BotDeps,
  slack: SlackGateway,
  input: Raiser,
): Promise<{ ok: true; view: ModalView } | { ok: false; text: string }> {
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return loaded;
  const { request, ctx, who } = loaded;
  const settings = ctx.features.internal_ticket;
  const refusal = raiseRefusal({ status: request.status, who, types: settings.types });
  if (refusal) return { ok: false, text: refusal.text };
  const privacy = channelPrivacy(ctx.channel.isPrivate, ctx.features);
  const state = { requestId: String(request._id), channelId: input.channelId };
  return { ok: true, view: ticketModal(state, settings, privacy.showPreview ? request.text : '') };
}

/** The modal's submission was refused: the error under each field (block id → sentence). */
export type TicketRefusal = { ok: false; errors: Record<string, string> };

/**
 * The modal's submission: checked against the request and settings as they are now (a refusal
 * names the field and writes nothing), then stored once per modal (`viewId`: Slack's retry of the
 * same submission finds the ticket already made and does nothing more). `follow` posts it, after
 * the modal has closed.
 */
export async function submitTicket(
  deps: BotDeps,
  slack: SlackGateway,
  input: Raiser & { viewId: string; answers: TicketAnswers },
): Promise<TicketRefusal | { ok: true; follow: () => Promise<void> }> {
  const loaded = await loadForPicker(deps, slack, input);
  if (!loaded.ok) return { ok: false, errors: { [TICKET_BLOCKS.type]: loaded.text } };
  const { request, ctx, who } = loaded;
  const settings = ctx.features.internal_ticket;
  const refusal = raiseRefusal({ status: request.status, who, types: settings.types });
  if (refusal) return { ok: false, errors: { [TICKET_BLOCKS.type]: refusal.text } };
  const valid = validateTicket(settings, input.answers);
  if (!valid.ok) {
    const errors = Object.entries(valid.errors).map(([field, text]) => [
      ticketBlockOf(field as TicketField),
      text,
    ]);
    return { ok: false, errors: Object.fromEntries(errors) };
  }
  const store = new InternalTicketStore(deps.models);
  const made = await store.create({
    ...valid.ticket,
    teamId: request.teamId,
    requestId: String(request._id),
    viewId: input.viewId,
    createdBy: input.userId,
    createdAt: deps.clock.now(),
  });
  if (!made.created) return { ok: true, follow: async () => {} };
  const linked = await store.linkToRequest(String(request._id), String(made.ticket._id));
  const agent = { userId: input.userId, channelId: input.channelId };
  return {
    ok: true,
    follow: () => announceTicket(deps, slack, ctx, linked ?? request, made.ticket, agent),
  };
}
