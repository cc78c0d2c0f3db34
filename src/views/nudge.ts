import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import { userMention } from '../text/mrkdwn.js';

/** A duration as people say it: "45 minutes", "3 hours", "2 days" (minutes when not whole). */
export function formatMinutes(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

/** What the nudge asks in the customer's thread. */
export const CUSTOMER_NUDGE_QUESTION = 'Is this resolved?';

/** What the nudge says in the triage card's thread. */
export function triageNudgeQuestion(requesterId: string, minutes: number): string {
  return `No reply from ${userMention(requesterId)} for ${formatMinutes(minutes)} since the last answer. Is this resolved?`;
}

/**
 * The close nudge: a question with Close and Keep open buttons, both carrying the request id.
 * Anyone who sees it (customer or agent) may answer.
 */
export function closeNudge(
  requestId: string,
  question: string,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: question,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: question } },
      {
        type: 'actions',
        block_id: `nudge_${requestId}`,
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Close' },
            action_id: ACTIONS.nudgeClose,
            value: requestId,
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Keep open' },
            action_id: ACTIONS.nudgeKeepOpen,
            value: requestId,
          },
        ],
      },
    ],
  };
}

/** The nudge once answered: the question stays, the buttons give way to who answered how. */
export function closeNudgeAnswered(
  question: string,
  outcome: 'closed' | 'kept_open',
  userId: string,
): { text: string; blocks: KnownBlock[] } {
  const answer = outcome === 'closed' ? `Closed by <@${userId}>.` : `Kept open by <@${userId}>.`;
  return {
    text: `${question} ${answer}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: question } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: answer }] },
    ],
  };
}
