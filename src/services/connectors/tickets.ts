import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks, connectorTask } from '../../db/repositories/connector-tasks.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { TicketDraft } from '../../connectors/connector.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { userProfile } from '../../slack/user-emails.js';
import type { View } from '@slack/types';
import { RequestStore } from '../../db/repositories/requests.js';
import { AppError } from '../../errors.js';
import { ticketModal } from '../../views/helpdesk-ticket.js';
import { formChoices, formIdFor } from './forms.js';
import { VENDOR_NAME } from './manage.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import { TriageCard } from '../requests/triage-card.js';

type TicketDeps = Pick<BotDeps, 'models' | 'clock' | 'settings' | 'env' | 'logger'>;

/**
 * What the agent chose in the ticket modal (each absent field: the request's own); `connectorId`
 * the helpdesk picked of the channel's several, `formId` the Zendesk form.
 */
export type TicketAnswers = Partial<
  Pick<TicketDraft, 'subject' | 'priority' | 'urgency' | 'type' | 'tags'> & {
    connectorId: string;
    formId: string;
  }
>;

/**
 * The connector a channel's tickets go to: `chosen` when it is one of
 * `tickets.config.helpdeskIds` (the modal's pick), else the first of them (🎫, auto-create).
 */
export const helpdeskOf = (ctx: ChannelContext, chosen?: string): string | undefined => {
  const ids = ctx.features.tickets.config.helpdeskIds;
  return chosen && ids.includes(chosen) ? chosen : ids[0];
};

/** A request's opening line as a ticket subject. */
export function subjectOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? 'Request from Slack';
  return line.trim().length > 120 ? `${line.trim().slice(0, 117)}…` : line.trim();
}

/** A follow-up ticket's ask: the customer's new message in the thread of a closed ticket. */
export interface FollowUp {
  /** The solved or closed ticket (the request's), in the helpdesk of `connectorId`. */
  of: { id: string; connectorId: string; url: string | null; status: string | null };
  text: string;
}

/**
 * Asks the channel's helpdesk for a ticket for `request`: the intent and its create task are
 * written in one update (at most one under way per request), and the card says so; the
 * connector worker creates it. A `helpdeskIds` naming no connector of the workspace is recorded
 * as a failed intent, shown on the card. With `followUp`, a follow-up of the request's closed
 * ticket in that ticket's helpdesk, the new message its body (it replaces the closed one once
 * made). Returns false when a ticket exists (other than the one followed up) or is under way.
 */
export async function askForTicket(
  deps: TicketDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  request: RequestDoc,
  by: string,
  answers: TicketAnswers = {},
  followUp?: FollowUp,
): Promise<boolean> {
  const connectorId = followUp?.of.connectorId ?? helpdeskOf(ctx, answers.connectorId);
  if (!connectorId) return false;
  const config = ctx.features.tickets.config;
  const now = deps.clock.now();
  const tasks = new ConnectorTasks(deps.models);
  const connector = await new ConnectorStore(deps.models).find(request.teamId, connectorId);
  const requester =
    connector && config.map_submitter_to_requestor
      ? await userProfile(deps.models, slack, request.teamId, request.requesterId, now)
      : undefined;
  const task = connectorTask({ kind: 'create', connectorId, at: now, by, payload: {} });
  const of = followUp?.of;
  const draft: TicketDraft = {
    subject: answers.subject ?? subjectOf(request.text),
    body: of ? followUpBody(of, followUp.text) : request.text || '(no text)',
    priority: answers.priority ?? null,
    urgency: answers.urgency ?? null,
    type: answers.type ?? null,
    tags: answers.tags ?? [],
    public: !config.invisible_only,
    requester:
      requester?.email && requester.name ? { name: requester.name, email: requester.email } : null,
    externalId: task.id,
    formId: formIdFor(ctx, connector?.type, answers.formId),
    followUpOf: of ? { id: of.id, status: of.status } : null,
  };
  const entry = { at: now, type: 'ticket_requested', to: connectorId, by };
  const asked = await tasks.askTicket(
    request._id,
    { ...task, payload: { draft } },
    entry,
    connector
      ? undefined
      : `helpdeskIds names ${connectorId}, which is no connector of this workspace`,
    of?.id ?? null,
  );
  if (!asked) return false;
  await new TriageCard(deps, slack).update(ctx, asked);
  return true;
}

/** A follow-up's opening comment: the customer's message, and the ticket it follows up. */
export function followUpBody(of: FollowUp['of'], text: string): string {
  const link = of.url ? ` (${of.url})` : '';
  return `${text || '(no text)'}\n\n— Follow-up of ticket #${of.id}${link}, which was ${of.status ?? 'closed'}.`;
}

/**
 * The ticket modal for `request`: the channel's helpdesks to choose from (only when it names
 * more than one), `picked` (else the first) chosen, and the Form select only when that one is
 * Zendesk (`formIds`).
 */
async function ticketModalFor(
  deps: TicketDeps,
  request: RequestDoc,
  ctx: ChannelContext,
  subject: string,
  picked?: string,
): Promise<View> {
  const ids = ctx.features.tickets.config.helpdeskIds;
  const connectors = await new ConnectorStore(deps.models).list(request.teamId);
  const byId = (id: string | undefined) => connectors.find((c) => String(c._id) === id);
  const helpdesks =
    ids.length < 2
      ? []
      : ids.map((id) => {
          const found = byId(id);
          const host = found ? found.baseUrl.replace(/^https?:\/\//, '') : '';
          const label = found
            ? `${VENDOR_NAME[found.type]} · ${host}`
            : `${id} (no such connector)`;
          return { id, label };
        });
  const chosen = helpdeskOf(ctx, picked);
  const forms = await formChoices(deps, ctx, byId(chosen));
  const config = ctx.features.tickets.config;
  return ticketModal(String(request._id), subject, config, helpdesks, forms, chosen);
}

/**
 * The card's Create ticket: the modal to open (unless `do_not_show_ticket_modal`, when the
 * ticket is asked for at once), or a sentence for the agent when there is nothing to do.
 */
export async function createTicketClicked(
  deps: TicketDeps,
  slack: SlackGateway,
  requestId: string,
  by: string,
): Promise<{ view: View } | { text: string } | undefined> {
  const request = await new RequestStore(deps.models).byKey(requestId);
  if (!request) throw new AppError('request_not_found', `unknown request ${requestId}`);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx || !helpdeskOf(ctx)) return { text: 'This channel has no helpdesk connector.' };
  if (request.ticket || request.ticketIntent?.state === 'pending') {
    return { text: 'This request already has a ticket (or one is being created).' };
  }
  if (!ctx.features.tickets.config.do_not_show_ticket_modal) {
    return { view: await ticketModalFor(deps, request, ctx, subjectOf(request.text)) };
  }
  await askForTicket(deps, slack, ctx, request, by);
  return undefined;
}

/**
 * A helpdesk picked in the open ticket modal: the modal updated in place (`views.update` with
 * the view's `hash`, so a newer version is never overwritten), with the Form select only for
 * Zendesk; the other blocks keep their ids, so Slack keeps what was typed in them (the subject
 * given is the one typed, for the blocks' initial values).
 */
export async function ticketHelpdeskPicked(
  deps: TicketDeps,
  slack: SlackGateway,
  view: { id: string; hash: string; requestId: string; subject: string | undefined },
  connectorId: string,
): Promise<void> {
  const request = await new RequestStore(deps.models).byKey(view.requestId);
  if (!request) return;
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return;
  const subject = view.subject || subjectOf(request.text);
  const updated = await ticketModalFor(deps, request, ctx, subject, connectorId);
  await slack.updateView(
    { view_id: view.id, hash: view.hash, view: updated },
    { expect: ['hash_conflict', 'not_found'], bestEffort: { step: 'helpdesk_pick', ...view } },
  );
}

/** The modal's answers: a ticket asked for with them (a second submission asks for nothing). */
export async function ticketModalSubmitted(
  deps: TicketDeps,
  slack: SlackGateway,
  requestId: string,
  by: string,
  answers: TicketAnswers,
): Promise<void> {
  const request = await new RequestStore(deps.models).byKey(requestId);
  if (!request) throw new AppError('request_not_found', `unknown request ${requestId}`);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (ctx) await askForTicket(deps, slack, ctx, request, by, answers);
}
