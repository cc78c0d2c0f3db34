import type { KnownBlock } from '@slack/types';
import { ACTIONS, EMOJI } from '../constants.js';
import type { RequestDoc } from '../db/models/index.js';
import { STATUS_LABEL } from '../requests/lifecycle.js';
import {
  categoriesNote,
  classificationNote,
  classificationPickers,
  needsCategoryNote,
  type ClassificationLists,
} from './classification.js';
import { missingOnClose } from '../requests/classification.js';
import {
  capitalised,
  channelMention,
  escapeMrkdwn,
  messageLink,
  slackDate,
  truncate,
  userMention,
} from '../text/mrkdwn.js';
import { button, PREVIEW_HIDDEN, quotedPreview } from './blocks.js';
import { slaBreachNote } from './sla-alert.js';
import {
  cardActions,
  createTicketButtons,
  ticketFailureLine,
  ticketNote,
} from './helpdesk-ticket.js';
import type { OverflowOption } from '../settings/features/tickets.js';
import { crmCaseLine } from './crm-case.js';
import { fieldsMenu, fieldsNote, type CardFields } from './custom-fields.js';
import { suggestionBlocks } from './ai-suggestion.js';

export interface TriageNotificationInput {
  request: Pick<
    RequestDoc,
    | 'ticket'
    | '_id'
    | 'channelId'
    | 'rootTs'
    | 'requesterId'
    | 'text'
    | 'status'
    | 'assigneeId'
    | 'groupedTs'
  > &
    Partial<
      Pick<
        RequestDoc,
        | 'history'
        | 'escalated'
        | 'severity'
        | 'priority'
        | 'tags'
        | 'categories'
        | 'ticketIntent'
        | 'crmCase'
        | 'subType'
        | 'aiSuggestion'
      >
    >;
  /** The channel names a helpdesk connector: a live request's card offers Create ticket. */
  helpdesk?: boolean;
  /** The card actions offered in its ⋯ menu instead of as buttons (`showOverflowMenu`). */
  overflow?: readonly OverflowOption[];
  channelName: string;
  /** A private channel under hidePrivateChannelMetadata: its name is not sent. */
  hideChannelName?: boolean;
  /** Customer (account or Connect team) name, when use_customer_name_in_notifications. */
  customerName?: string;
  /** Customer logo URL, when use_customer_logo_in_notifications. */
  customerLogo?: string;
  /** Whether the channel's messages may be quoted (`channelPrivacy`). */
  showPreview: boolean;
  /** AI assist is on for the channel: the card offers Summarise. */
  summarise?: boolean;
  /** is_request_escalation_enabled: a live request's card offers Escalate. */
  escalation?: boolean;
  /** The channel's severities, tags and categories: a menu (or button) for each. */
  classification?: ClassificationLists;
  /** The assignee's e-mail address, shown beside them (`show_user_emails_in_assignee`). */
  assigneeEmail?: string;
  /** `internal_ticket.types` is non-empty: a live request's card offers Raise internal ticket. */
  internalTickets?: boolean;
  /** The request's internal tickets, one line each (`ticketCardLines`). */
  ticketLines?: string;
  /** How the request's replies went by e-mail (`emailCardLine`), for a request that came by e-mail. */
  emailLine?: string;
  /** The custom fields that apply to the channel and the request's values: a line and "Edit fields". */
  customFields?: CardFields;
}

const STATUS_EMOJI = {
  open: ':large_yellow_circle:',
  in_progress: ':large_blue_circle:',
  on_hold: ':double_vertical_bar:',
  closed: ':white_check_mark:',
  discarded: ':wastebasket:',
} as const;

/**
 * The request's card in the triage channel: who asked where, a preview, a link to the thread,
 * its status and assignee, and the buttons that move it. Rebuilt from the request on every
 * change and applied with chat.update, so the card is never posted twice.
 */
export function triageNotification(input: TriageNotificationInput): {
  text: string;
  blocks: KnownBlock[];
} {
  const { request } = input;
  const who = input.customerName
    ? `*${escapeMrkdwn(input.customerName)}* · ${userMention(request.requesterId)}`
    : `${userMention(request.requesterId)}`;
  const link = messageLink(request.channelId, request.rootTs);
  const preview = input.showPreview ? quotedPreview(request.text) : PREVIEW_HIDDEN;
  const more = request.groupedTs.length > 0 ? ` (+${request.groupedTs.length} more)` : '';
  const status = `${STATUS_EMOJI[request.status]} *${STATUS_LABEL[request.status]}*`;
  const email = input.assigneeEmail ? ` (${escapeMrkdwn(input.assigneeEmail)})` : '';
  const assignee = request.assigneeId
    ? `assigned to <@${request.assigneeId}>${email}`
    : 'unassigned';
  const ticket = ticketNote(request);
  const breach = slaBreachNote(request.history);
  const sla = breach ? ` · ${breach}` : '';
  const escalated = escalationNote(request.escalated);
  const priority = request.priority ? ` · Priority: *${capitalised(request.priority)}*` : '';
  const classified = `${priority}${classificationNote(request, input.classification)}`;
  const categories = [
    categoriesNote(request, input.classification),
    request.status === 'closed'
      ? needsCategoryNote(
          missingOnClose(input.classification?.categories ?? [], request.categories ?? []).map(
            (c) => c.category_name,
          ),
        )
      : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const pickers =
    request.status === 'discarded' ? [] : classificationPickers(request, input.classification);
  const header: KnownBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `New request from ${who} in ${channelMention(request.channelId, input.channelName, input.hideChannelName)}${more}\n${preview}`,
    },
    ...(input.customerLogo
      ? {
          accessory: {
            type: 'image',
            image_url: input.customerLogo,
            alt_text: input.customerName ?? 'customer',
          },
        }
      : {}),
  };
  const live = request.status !== 'closed' && request.status !== 'discarded';
  const value = String(request._id);
  const extra = cardActions(
    value,
    [
      [
        'Raise internal ticket',
        input.internalTickets ? [button('Raise internal ticket', ACTIONS.raiseTicket, value)] : [],
      ],
      ['Create ticket', createTicketButtons(request, input.helpdesk ?? false)],
      ['Summarise', input.summarise ? [button('Summarise', ACTIONS.summarise, value)] : []],
    ],
    input.overflow ?? [],
  );
  const buttons = live
    ? [
        ...(request.assigneeId
          ? []
          : [button('Assign to me', ACTIONS.assignToMe, value, 'primary')]),
        ...(request.status !== 'in_progress'
          ? [button('In progress', ACTIONS.inProgress, value)]
          : []),
        ...(request.status !== 'on_hold' ? [button('On hold', ACTIONS.onHold, value)] : []),
        button('Close', ACTIONS.close, value),
        button('Discard', ACTIONS.discard, value, 'danger'),
        ...(input.escalation ? [button('Escalate', ACTIONS.escalate, value)] : []),
        ...extra.buttons,
      ]
    : request.status === 'closed'
      ? [button('Reopen', ACTIONS.reopen, value)]
      : [];
  const suggested = live
    ? suggestionBlocks(value, request.aiSuggestion, input.classification?.categories)
    : [];
  const menu = [
    ...(live ? extra.menu : []),
    ...(buttons.length > 0 && input.customFields?.fields.length ? [fieldsMenu(value)] : []),
  ];
  const fields = fieldsNote(input.customFields);
  return {
    text: `${STATUS_LABEL[request.status]}: request from ${userMention(request.requesterId)} in <#${request.channelId}>`,
    blocks: [
      header,
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${status} · ${assignee}${ticket}${sla}${classified} · <${link}|View thread>`,
          },
        ],
      },
      ...[
        escalated,
        input.ticketLines,
        ticketFailureLine(request),
        crmCaseLine(request),
        input.emailLine,
      ]
        .filter((text): text is string => Boolean(text))
        .map((text) => ({
          type: 'context' as const,
          elements: [{ type: 'mrkdwn' as const, text }],
        })),
      ...(buttons.length > 0
        ? [
            {
              type: 'actions' as const,
              block_id: `request_${value}`,
              elements: [...buttons, ...menu],
            },
          ]
        : []),
      ...(categories
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: categories }] }]
        : []),
      ...(fields
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: fields }] }]
        : []),
      ...suggested,
      ...pickers,
    ],
  };
}

/** "‼️ Escalated by @x at …" (and how many times), for a request that has been escalated. */
function escalationNote(escalated: RequestDoc['escalated'] | undefined): string | undefined {
  if (!escalated?.at || !escalated.by) return undefined;
  const times = escalated.count > 1 ? ` (${escalated.count} times)` : '';
  const reason = escalated.reason ? `: _${escapeMrkdwn(truncate(escalated.reason, 200))}_` : '';
  return `:${EMOJI.escalate}: *Escalated* by <@${escalated.by}> at ${slackDate(escalated.at)}${times}${reason}`;
}
