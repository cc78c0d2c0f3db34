import type { Button, Overflow, View } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import type { RequestDoc } from '../db/models/index.js';
import { ratingLabel } from '../feedback/rating.js';
import type { OverflowOption } from '../settings/features/tickets.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';
import { URGENCY_LABEL, Urgency } from '../connectors/urgency.js';
import { button } from './blocks.js';

type Ticketed = Pick<RequestDoc, 'ticket'> & Partial<Pick<RequestDoc, 'ticketIntent'>>;

/** The ticket on the card's status line: a link to it in the helpdesk, or that one is coming. */
export function ticketNote(request: Ticketed): string {
  const { ticket, ticketIntent } = request;
  if (ticket?.url) {
    const status = ticket.status ? ` (${escapeMrkdwn(ticket.status)})` : '';
    const rating = ticket.feedback?.rating;
    const rated = rating == null ? '' : ` rated ${ratingLabel(ticket.feedback?.scale, rating)}`;
    const of = ticket.followUpOf ? `, follow-up of #${escapeMrkdwn(ticket.followUpOf)}` : '';
    const link = `<${ticket.url}|#${escapeMrkdwn(ticket.id)}>`;
    return ` · :ticket: ${link}${status}${of}${rated}${followUpNote(ticketIntent)}`;
  }
  if (ticket) return ` · :ticket: ${ticket.id}`;
  if (ticketIntent?.state === 'pending') return ' · :ticket: creating a ticket…';
  if (ticketIntent?.state === 'failed') return ' · :warning: no ticket';
  return '';
}

/** A follow-up of the request's closed ticket under way (`enable_follow_up_ticket`). */
const followUpNote = (intent: RequestDoc['ticketIntent'] | undefined) =>
  intent?.followUpOf && intent.state === 'pending' ? ' · creating a follow-up ticket…' : '';

/** Why a ticket was not created, on its own line of the card; undefined when nothing failed. */
export function ticketFailureLine(request: Ticketed): string | undefined {
  const intent = request.ticketIntent;
  if (intent?.state === 'failed' && intent.followUpOf && request.ticket?.id === intent.followUpOf) {
    return `:warning: The follow-up of ticket #${escapeMrkdwn(intent.followUpOf)} could not be created: ${escapeMrkdwn(intent.error ?? 'unknown error')}. The customer's next message tries again.`;
  }
  if (request.ticket || intent?.state !== 'failed') return undefined;
  return `:warning: The ticket could not be created: ${escapeMrkdwn(intent.error ?? 'unknown error')}. Use *Create ticket* to try again.`;
}

/** "Create ticket" on a live request's card when its channel has a helpdesk and no ticket is under way. */
export function createTicketButtons(
  request: Ticketed & Pick<RequestDoc, '_id'>,
  helpdesk: boolean,
) {
  if (!helpdesk || request.ticket || request.ticketIntent?.state === 'pending') return [];
  return [button('Create ticket', ACTIONS.createTicket, String(request._id))];
}

/** Which of the modal's fields are hidden (`tickets.config.hide_*`). */
export interface TicketModalHidden {
  hide_priority: boolean;
  hide_urgency: boolean;
  hide_request_type: boolean;
  hide_tags: boolean;
}

/** An optional select of `values`, each shown as `textOf` it. */
const select = (
  id: string,
  label: string,
  values: readonly string[],
  textOf: (value: string) => string = (value) => value,
) => ({
  type: 'input' as const,
  block_id: id,
  optional: true,
  label: { type: 'plain_text' as const, text: label },
  element: {
    type: 'static_select' as const,
    action_id: 'value',
    options: values.map((value) => ({
      text: { type: 'plain_text' as const, text: textOf(value) },
      value,
    })),
  },
});

/** A helpdesk the modal offers (`helpdeskIds` with more than one id): its connector id and name. */
export interface HelpdeskChoice {
  id: string;
  label: string;
}

/** A required select of `choices` (`value`, `label`), `chosen` (else the first) to begin with. */
function firstChosenSelect(
  blockId: string,
  label: string,
  choices: { value: string; label: string }[],
  chosen?: string,
) {
  const options = choices.map((choice) => ({
    text: { type: 'plain_text' as const, text: choice.label.slice(0, 75) },
    value: choice.value,
  }));
  const initial = options.find((option) => option.value === chosen) ?? options[0];
  return {
    type: 'input' as const,
    block_id: blockId,
    label: { type: 'plain_text' as const, text: label },
    element: {
      type: 'static_select' as const,
      action_id: 'value',
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/** The helpdesk select's block: a pick is sent at once (`dispatch_action`), the modal updated. */
export const HELPDESK_BLOCK = 'ht_helpdesk';

/**
 * "Which helpdesk": the channel's connectors, `picked` (else the first) chosen. A pick
 * dispatches a `block_actions` so the modal can show the Form select only for Zendesk.
 */
const helpdeskSelect = (helpdesks: readonly HelpdeskChoice[], picked?: string) => ({
  ...firstChosenSelect(
    HELPDESK_BLOCK,
    'Helpdesk',
    helpdesks.map(({ id, label }) => ({ value: id, label })),
    picked,
  ),
  dispatch_action: true,
});

/**
 * A Zendesk ticket form the modal offers (`formIds`): its id and name; `known` false when
 * Zendesk has no such form (offered, and refused on submit).
 */
export interface FormChoice {
  id: string;
  label: string;
  known: boolean;
}

/** The value of a form Zendesk does not know: refused when submitted. */
export const UNKNOWN_FORM = 'unknown:';

/** "Form": the channel's Zendesk ticket forms, the first chosen to begin with. */
const formSelect = (forms: readonly FormChoice[]) =>
  firstChosenSelect(
    'ht_form',
    'Form',
    forms.map(({ id, label, known }) => ({ value: known ? id : `${UNKNOWN_FORM}${id}`, label })),
  );

/**
 * The modal that asks for a ticket's fields: which helpdesk (when the channel names more than
 * one; `picked` chosen, else the first), which Zendesk form (`formIds`: given only when the
 * picked helpdesk is Zendesk), subject, and priority, urgency, type and tags unless hidden.
 * Every block keeps its `block_id` and `action_id` from one version to the next, so Slack keeps
 * what was typed when the modal is updated after a pick.
 */
export function ticketModal(
  requestId: string,
  subject: string,
  hidden: TicketModalHidden,
  helpdesks: readonly HelpdeskChoice[] = [],
  forms: readonly FormChoice[] = [],
  picked?: string,
): View {
  return {
    type: 'modal',
    callback_id: VIEWS.helpdeskTicket,
    private_metadata: requestId,
    title: { type: 'plain_text', text: 'Create ticket' },
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      ...(helpdesks.length > 1 ? [helpdeskSelect(helpdesks, picked)] : []),
      ...(forms.length > 0 ? [formSelect(forms)] : []),
      {
        type: 'input',
        block_id: 'ht_subject',
        label: { type: 'plain_text', text: 'Subject' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: subject,
          max_length: 250,
        },
      },
      ...(hidden.hide_priority
        ? []
        : [select('ht_priority', 'Priority', ['low', 'normal', 'high', 'urgent'])]),
      // Low, Normal, High, Critical: carried as each vendor can (`connectors/urgency.ts`).
      ...(hidden.hide_urgency
        ? []
        : [select('ht_urgency', 'Urgency', Urgency.options, (u) => URGENCY_LABEL[u as Urgency])]),
      ...(hidden.hide_request_type
        ? []
        : [select('ht_type', 'Type', ['question', 'incident', 'problem', 'task'])]),
      ...(hidden.hide_tags
        ? []
        : [
            {
              type: 'input' as const,
              block_id: 'ht_tags',
              optional: true,
              label: { type: 'plain_text' as const, text: 'Tags (comma-separated)' },
              element: { type: 'plain_text_input' as const, action_id: 'value', max_length: 500 },
            },
          ]),
    ],
  };
}

/** Each overflow option's key in its value (`<key>:<request id>`), the button it stands for. */
export const OVERFLOW_KEYS: Readonly<Record<OverflowOption, string>> = {
  'Create ticket': 'create_ticket',
  'Raise internal ticket': 'raise_ticket',
  Summarise: 'summarise',
};

/**
 * The card's actions split between buttons and the ⋯ menu (`showOverflowMenu`): each offered
 * action (its button, or none where it is not offered) named in `inMenu` becomes a menu option
 * in the order offered; the menu is left out when it has none.
 */
export function cardActions(
  requestId: string,
  offered: readonly [OverflowOption, Button[]][],
  inMenu: readonly OverflowOption[],
): { buttons: Button[]; menu: Overflow[] } {
  const moved = offered.filter(([name, found]) => inMenu.includes(name) && found.length > 0);
  const buttons = offered.flatMap(([name, found]) => (inMenu.includes(name) ? [] : found));
  const options = moved.map(([name]) => ({
    text: { type: 'plain_text' as const, text: name },
    value: `${OVERFLOW_KEYS[name]}:${requestId}`,
  }));
  const menu =
    options.length > 0 ? [{ type: 'overflow' as const, action_id: ACTIONS.cardMenu, options }] : [];
  return { buttons, menu };
}
