import type { KnownBlock, ModalView } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** The block and input of the drafted reply's edit modal. */
export const DRAFT_BLOCK = 'ai_draft';
export const DRAFT_INPUT = 'ai_draft_text';

/** Slack's limit on a button's value: a draft longer than its share is not offered. */
const BUTTON_VALUE_MAX = 2_000;

/** What a drafted reply's buttons carry (and the edit modal's `private_metadata`). */
export interface DraftValue {
  requestId: string;
  text: string;
}

/** A draft's buttons' value, or undefined when the draft is too long to carry. */
export function draftValue(value: DraftValue): string | undefined {
  const json = JSON.stringify(value);
  return json.length <= BUTTON_VALUE_MAX ? json : undefined;
}

/** A draft as quoted mrkdwn, escaped so the model's text cannot mention or link. */
const quoted = (draft: string) => `>${escapeMrkdwn(draft).replace(/\n/g, '\n>')}`;

/**
 * The drafted reply as agents see it (an ephemeral to the assignee, or in the card's thread):
 * the text and **Send** / **Edit**. Nothing reaches the customer without a click.
 */
export function draftMessage(draft: string, value: string): { text: string; blocks: KnownBlock[] } {
  const text = `:robot_face: *Drafted reply* (AI; the customer sees it only if you send it):\n${quoted(draft)}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain('Send'),
            action_id: ACTIONS.draftSend,
            style: 'primary',
            value,
          },
          { type: 'button', text: plain('Edit'), action_id: ACTIONS.draftEdit, value },
        ],
      },
    ],
  };
}

/** The draft once sent with its Send: the text, without buttons, and who sent it. */
export function sentDraftMessage(
  draft: string,
  userId: string,
): { text: string; blocks: KnownBlock[] } {
  const text = `:white_check_mark: *Drafted reply* sent by <@${userId}> in the customer’s thread:\n${quoted(draft)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The modal to edit a draft before it is posted, prefilled with it. */
export function draftModal(value: DraftValue): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.draftEdit,
    private_metadata: JSON.stringify({ requestId: value.requestId }),
    title: plain('Drafted reply'),
    submit: plain('Post in thread'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: DRAFT_BLOCK,
        label: plain('Reply to the customer'),
        element: {
          type: 'plain_text_input',
          action_id: DRAFT_INPUT,
          multiline: true,
          max_length: 3_000,
          initial_value: value.text,
        },
      },
    ],
  };
}
