import type { KnownBlock } from '@slack/types';
import { ACTIONS, EMOJI } from '../constants.js';
import type { RequestDoc } from '../db/models/index.js';
import type { SlaKind } from '../sla/clocks.js';
import { formatDuration } from './app-home.js';
import { lineQuote } from './blocks.js';
import { channelMention, escapeMrkdwn, messageLink, userMention } from '../text/mrkdwn.js';

export interface SlaAlertInput {
  kind: SlaKind;
  request: Pick<RequestDoc, '_id' | 'channelId' | 'rootTs' | 'requesterId' | 'text' | 'assigneeId'>;
  channelName: string;
  /** The customer account's name, when the channel belongs to one. */
  customerName?: string;
  dueAt: Date;
  now: Date;
  /** Whether the channel's messages may be quoted (`channelPrivacy`). */
  showPreview: boolean;
  /** A private channel under hidePrivateChannelMetadata: its name is not sent. */
  hideChannelName?: boolean;
  /** `sla_breach_config.suggested_request_invalidation`: offer to discard a non-request. */
  suggestDiscard: boolean;
}

const TITLE: Record<SlaKind, string> = {
  response: 'Response SLA breached',
  closure: 'Closure SLA breached',
};

const HOLDING_REPLY: Record<SlaKind, string> = {
  response:
    'Sorry for the wait! Your request is taking longer than we promised to answer. ' +
    'The team has been alerted and will get back to you as soon as possible.',
  closure:
    'Sorry this is taking longer than expected. The team has been alerted and is working ' +
    'to resolve your request as soon as possible.',
};

/** The apology posted in the customer's thread on a breach (`sla_breach_config.conversation_response`). */
export const slaHoldingReply = (kind: SlaKind): string => HOLDING_REPLY[kind];

/**
 * The alert posted in the SLA channel when a request misses its response or closure SLA: whose
 * request, where, how late, a link to the thread, and (optionally) a Discard button for
 * something that was never a request.
 */
export function slaBreachAlert(input: SlaAlertInput): { text: string; blocks: KnownBlock[] } {
  const { request, kind } = input;
  const where = channelMention(request.channelId, input.channelName, input.hideChannelName);
  const customer = input.customerName ? `*${escapeMrkdwn(input.customerName)}* · ` : '';
  const late = `${formatDuration(input.now.getTime() - input.dueAt.getTime())} late`;
  const link = messageLink(request.channelId, request.rootTs);
  const preview = input.showPreview ? `\n${lineQuote(request.text, 300)}` : '';
  const assignee = request.assigneeId ? `assigned to <@${request.assigneeId}>` : 'unassigned';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:${EMOJI.slaBreach}: *${TITLE[kind]}*: request from ${customer}${userMention(request.requesterId)} in ${where}${preview}`,
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Due ${slackDate(input.dueAt)} · ${late} · ${assignee} · <${link}|View thread>`,
        },
      ],
    },
  ];
  if (input.suggestDiscard) {
    blocks.push({
      type: 'actions',
      block_id: `sla_${String(request._id)}`,
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Not a request? Discard' },
          action_id: ACTIONS.discard,
          value: String(request._id),
        },
      ],
    });
  }
  return {
    text: `:${EMOJI.slaBreach}: ${TITLE[kind]}: request from ${userMention(request.requesterId)} in <#${request.channelId}>, ${late}: ${link}`,
    blocks,
  };
}

/**
 * The breach marks a triage card carries: one per `sla_breach` history entry (written when
 * `sla_breach_config.request` is on), e.g. `⚠️ response SLA breached`.
 */
export function slaBreachNote(history: RequestDoc['history'] | undefined): string | undefined {
  const kinds = new Set(
    (history ?? []).filter((entry) => entry.type === 'sla_breach').map((entry) => entry.to),
  );
  const notes = (['response', 'closure'] as const)
    .filter((kind) => kinds.has(kind))
    .map((kind) => `⚠️ ${kind} SLA breached`);
  return notes.length > 0 ? notes.join(' · ') : undefined;
}

/** A date Slack renders in the viewer's own time zone. */
function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${at.toISOString()}>`;
}
