import type { KnownBlock, ModalView } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** The block and input of the drafted reply's edit modal. */
export const DRAFT_BLOCK = 'ai_draft';
export const DRAFT_INPUT = 'ai_draft_text';

/** What a drafted reply's buttons carry: the request's id (its draft is kept on the request). */
export interface DraftValue {
  requestId: string;
}

/** A draft's buttons' value: the request's id only, so a draft of any length fits. */
export function draftValue(value: DraftValue): string {
  return JSON.stringify({ requestId: value.requestId });
}

/** Slack's limit on a section's text: a longer draft is shown in several sections. */
const SECTION_MAX = 3_000;

/** A draft as quoted mrkdwn, escaped so the model's text cannot mention or link. */
const quoted = (draft: string) => `>${escapeMrkdwn(draft).replace(/\n/g, '\n>')}`;

/** `text` as section blocks of at most Slack's 3,000 characters each, cut at line ends where it can. */
function sections(text: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let rest = text;
  while (rest.length > 0) {
    let cut = rest.length <= SECTION_MAX ? rest.length : rest.lastIndexOf('\n', SECTION_MAX);
    if (cut <= 0) cut = Math.min(SECTION_MAX, rest.length);
    const part = rest.slice(0, cut);
    rest = rest.slice(cut).replace(/^\n/, '');
    // A part cut inside a quote goes on quoted.
    if (rest && !rest.startsWith('>')) rest = `>${rest}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  return blocks;
}

/**
 * The drafted reply as agents see it (an ephemeral to the assignee, or in the card's thread):
 * the text and **Send** / **Edit**. Nothing reaches the customer without a click.
 */
export function draftMessage(draft: string, value: string): { text: string; blocks: KnownBlock[] } {
  const text = `:robot_face: *Drafted reply* (AI; the customer sees it only if you send it):\n${quoted(draft)}`;
  return {
    text,
    blocks: [
      ...sections(text),
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
  return { text, blocks: sections(text) };
}

/** The modal to edit a draft before it is posted, prefilled with it. */
export function draftModal(value: DraftValue & { text: string }): ModalView {
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
