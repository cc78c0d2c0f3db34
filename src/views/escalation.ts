import type { KnownBlock } from '@slack/types';
import { EMOJI } from '../constants.js';
import { escapeMrkdwn, truncate, userMention } from '../text/mrkdwn.js';

export interface EscalationNoticeInput {
  requesterId: string;
  channelId: string;
  /** Slack's permalink of the request's root message. */
  link: string;
  by: string;
  reason: string | null;
  /** How many times the request has been escalated, this one included. */
  count: number;
}

/**
 * What the escalation channel reads: who escalated whose request, where, why, and a link to the
 * customer's message (its thread is one click away from there).
 */
export function escalationNotice(input: EscalationNoticeInput): {
  text: string;
  blocks: KnownBlock[];
} {
  const again = input.count > 1 ? ` (escalation ${input.count})` : '';
  const headline =
    `:${EMOJI.escalate}: <@${input.by}> escalated a request from ${userMention(input.requesterId)} ` +
    `in <#${input.channelId}>${again}: <${input.link}|View request>`;
  const reason = input.reason ? `\n>${escapeMrkdwn(truncate(input.reason, 500))}` : '';
  return {
    text: `Request from ${userMention(input.requesterId)} escalated by <@${input.by}>`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${headline}${reason}` } }],
  };
}
