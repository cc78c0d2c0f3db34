import type { KnownBlock, ModalView } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import type { InternalTicketDoc } from '../db/models/index.js';
import {
  MAX_FIELD_VALUE,
  MAX_SUMMARY,
  TICKET_STATUS_LABEL,
  TicketStatus,
  ticketLabel,
  type TicketField,
  type TicketSettings,
} from '../requests/internal-ticket.js';
import type { NamedValue } from '../settings/primitives.js';
import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';
import { button } from './blocks.js';

/** The modal's block ids: one per field; an additional field's name follows its prefix. */
export const TICKET_BLOCKS = {
  type: 'it_type',
  tags: 'it_tags',
  severity: 'it_severity',
  summary: 'it_summary',
  field: 'it_field_',
} as const;
export const TICKET_INPUT = 'value';

/** The block a modal field's error is shown under. */
export const ticketBlockOf = (field: TicketField): string =>
  field.startsWith('field:')
    ? `${TICKET_BLOCKS.field}${field.slice('field:'.length)}`
    : TICKET_BLOCKS[field as Exclude<TicketField, `field:${string}`>];

/** What the modal carries in `private_metadata`: the request, and where the agent clicked. */
export interface TicketModalState {
  requestId: string;
  channelId: string | null;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const options = (list: readonly NamedValue[]) =>
  list
    .filter((v) => v.value.length <= 150)
    .map((v) => ({ text: plain(truncate(v.name, 75)), value: v.value }));
const input = (blockId: string, label: string, element: object, optional = false): KnownBlock =>
  ({
    type: 'input',
    block_id: blockId,
    label: plain(truncate(label, 2000)),
    optional,
    element: { action_id: TICKET_INPUT, ...element },
  }) as KnownBlock;

/**
 * The "Raise internal ticket" modal: type (required), tags and severity (optional), one input per
 * additional field prefilled with its default, and the summary (required; `summary` prefilled,
 * empty when the request's channel may not be quoted).
 */
export function ticketModal(
  state: TicketModalState,
  settings: TicketSettings,
  summary: string,
): ModalView {
  const tags = options(settings.tags);
  const severities = options(settings.severity);
  const blocks: KnownBlock[] = [
    input(TICKET_BLOCKS.type, 'Type', {
      type: 'static_select',
      placeholder: plain('Pick a type'),
      options: options(settings.types),
    }),
    ...(tags.length
      ? [input(TICKET_BLOCKS.tags, 'Tags', { type: 'multi_static_select', options: tags }, true)]
      : []),
    ...(severities.length
      ? [
          input(
            TICKET_BLOCKS.severity,
            'Severity',
            { type: 'static_select', options: severities },
            true,
          ),
        ]
      : []),
    ...settings.additionalFields.map((field) =>
      input(
        `${TICKET_BLOCKS.field}${field.name}`,
        field.name,
        {
          type: 'plain_text_input',
          max_length: MAX_FIELD_VALUE,
          ...(field.value ? { initial_value: truncate(field.value, MAX_FIELD_VALUE) } : {}),
        },
        true,
      ),
    ),
    input(TICKET_BLOCKS.summary, 'Summary', {
      type: 'plain_text_input',
      multiline: true,
      max_length: MAX_SUMMARY,
      ...(summary ? { initial_value: truncate(summary, MAX_SUMMARY) } : {}),
    }),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.internalTicket,
    private_metadata: JSON.stringify(state),
    title: plain('Internal ticket'),
    submit: plain('Raise ticket'),
    close: plain('Cancel'),
    blocks,
  };
}

/** What the ticket message shows besides the ticket itself. */
export interface TicketMessageInput {
  ticket: Pick<
    InternalTicketDoc,
    '_id' | 'number' | 'type' | 'tags' | 'severity' | 'fields' | 'summary' | 'status' | 'createdBy'
  >;
  settings: Pick<TicketSettings, 'types' | 'tags' | 'severity'>;
  /** The request's thread, and its channel as `channelMention` writes it (privacy applied). */
  requestLink: string;
  requestChannel: string;
}

const nameOf = (list: readonly NamedValue[], value: string) =>
  list.find((v) => v.value === value)?.name ?? value;

/** "IT-7 · Engineering · High": the ticket's heading, by the names the settings give. */
export function ticketHeading(input: Pick<TicketMessageInput, 'ticket' | 'settings'>): string {
  const { ticket, settings } = input;
  const severity = ticket.severity ? ` · ${nameOf(settings.severity, ticket.severity)}` : '';
  return `${ticketLabel(ticket.number)} · ${nameOf(settings.types, ticket.type)}${severity}`;
}

/**
 * The ticket's message in its type's channel: heading, status, summary, tags, fields, the
 * request it came from and who raised it, and a button for each status but the current one.
 */
export function ticketMessage(input: TicketMessageInput): { text: string; blocks: KnownBlock[] } {
  const { ticket, settings } = input;
  const heading = ticketHeading(input);
  const tags = ticket.tags.length
    ? `*Tags:* ${ticket.tags.map((t) => escapeMrkdwn(nameOf(settings.tags, t))).join(', ')}`
    : '';
  const fields = ticket.fields.map(
    (f) => `*${escapeMrkdwn(f.name)}:* ${escapeMrkdwn(truncate(f.value, 500))}`,
  );
  const details = [tags, ...fields].filter(Boolean).join('\n');
  const id = String(ticket._id);
  const buttons = TicketStatus.options
    .filter((status) => status !== ticket.status)
    .map((status) => button(TICKET_STATUS_LABEL[status], `${ACTIONS.ticketStatus}${status}`, id));
  const context =
    `*${TICKET_STATUS_LABEL[ticket.status]}* · raised by <@${ticket.createdBy}> from ` +
    `<${input.requestLink}|a request> in ${input.requestChannel}`;
  return {
    text: `${heading}: ${truncate(ticket.summary, 200)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(ticket.summary) } },
      ...(details
        ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: details } }]
        : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
      { type: 'actions', block_id: `internal_ticket_${id}`, elements: buttons },
    ],
  };
}

/** `<link|IT-7>`, or plain `IT-7` when the ticket has no message. */
const labelLink = (number: number, link: string | undefined) =>
  link ? `<${link}|${ticketLabel(number)}>` : ticketLabel(number);

/** The request thread's note: "🛠 Internal ticket IT-7 (Engineering) raised by @x". */
export function ticketRaisedNote(number: number, typeName: string, by: string, link?: string) {
  return `:hammer_and_wrench: Internal ticket ${labelLink(number, link)} (${escapeMrkdwn(typeName)}) raised by <@${by}>`;
}

/** The request thread's note of a status change: "IT-7 is now In progress (by @x)". */
export function ticketStatusNote(number: number, status: TicketStatus, by: string, link?: string) {
  return `${labelLink(number, link)} is now ${TICKET_STATUS_LABEL[status]} (by <@${by}>)`;
}

/** One line per ticket on the triage card: "IT-7 Engineering: In progress", linked to its message. */
export function ticketCardLines(
  tickets: readonly { number: number; type: string; status: TicketStatus; link?: string }[],
  types: readonly NamedValue[],
): string | undefined {
  if (tickets.length === 0) return undefined;
  return tickets
    .map(
      (t) =>
        `:hammer_and_wrench: ${labelLink(t.number, t.link)} ${escapeMrkdwn(nameOf(types, t.type))}: ${TICKET_STATUS_LABEL[t.status]}`,
    )
    .join('\n');
}

/** The ephemeral an agent gets when a ticket was saved but Slack would not take its message. */
export function ticketPostFailed(number: number, channelId: string | null): string {
  const where = channelId ? ` in <#${channelId}>` : ' (no channel to post it in)';
  return `:warning: ${ticketLabel(number)} was saved, but its message could not be posted${where}. The bot may need to be invited there.`;
}
